// One measured step of bench/ledger-bench.ts, in a process of its own so that its peak memory is
// its own: node --import tsx bench/ledger-child.ts SRC OP ROOT N [PUSHES]. SRC is the src/ folder
// whose ledger store runs (this checkout's, or the single-file one of before); OP is
//   build: one commit of N entries, made by that store;
//   load:  a cold load of the ledger;
//   push:  a load, then PUSHES commits of CHANGED entries each, as a publishing run makes them.
// Prints one JSON line: the figures in ms, and the peak RSS.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Ledger, LedgerEntry, LogLine } from '../src/ledger/format.js';
import type { LedgerStore } from '../src/ledger/store.js';
import { peakRssKb } from '../test/helpers/peak-rss.mjs';

/** Entries a push changes: a publishing batch's worth. */
export const CHANGED = 30;

/** An entry as a publishing run records it (the fingerprints are 20 hex digits, as pinops makes them). */
export function benchEntry(i: number): LedgerEntry {
  const hex = (salt: string) => `${salt}${i.toString(16).padStart(8, '0')}`.padEnd(20, 'a').slice(0, 20);
  return {
    state: 'published',
    pin_id: String(4_800_000_000_000_000 + i),
    board: `Board ${i % 40}`,
    board_id: String(900_000_000_000 + (i % 40)),
    content: hex('c'),
    media: hex('m'),
    identity: hex('i'),
    title: `A pin of the bench, number ${i}`,
    link: `https://shop.example.com/products/item-${i}?utm_source=pinterest&utm_medium=social&utm_campaign=pin-${i}`,
    media_kind: 'image',
    published_at: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString(),
    run: `${100_000_000 + Math.floor(i / 100)}.1`,
  };
}

async function main(): Promise<void> {
  const [src, op, root, n, pushes] = process.argv.slice(2) as [string, string, string, string, string | undefined];
  const count = Number(n);
  const mod = (await import(pathToFileURL(join(resolve(src), 'ledger/store.ts')).href)) as { gitLedgerStore(root: string, branch: string): LedgerStore };
  const store = mod.gitLedgerStore(root, 'pinops-ledger');
  const out: Record<string, unknown> = {};
  if (op === 'build') {
    await store.commit(
      `bench: a ledger of ${count} pins`,
      (l: Ledger) => {
        for (let i = 0; i < count; i++) l.pins[`pin-${i}`] = benchEntry(i);
        return true;
      },
      () => [],
    );
  } else {
    let t = performance.now();
    await store.load();
    out.loadMs = performance.now() - t;
    const pushMs: number[] = [];
    for (let p = 0; p < Number(pushes ?? 0); p++) {
      const keys = Array.from({ length: CHANGED }, (_, j) => `pin-${(p * CHANGED * 7919 + j * 1009) % count}`);
      const time = new Date(Date.UTC(2026, 11, 1, 10, p)).toISOString();
      t = performance.now();
      await store.commit(
        `bench: push ${p}`,
        (l: Ledger) => changed(l, keys, time, p),
        () => keys.map((pin): LogLine => ({ time, run: `push-${p}`, pin, action: 'create', result: 'ok', pin_id: '1' })),
      );
      pushMs.push(performance.now() - t);
    }
    out.pushMs = pushMs;
  }
  out.rssMb = peakRssKb() / 1024;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

/** The entries of `keys` replaced by newer ones, as a run's results replace its intents. */
function changed(l: Ledger, keys: string[], time: string, p: number): boolean {
  for (const key of keys) {
    const e = l.pins[key];
    if (e) l.pins[key] = { ...e, published_at: time, run: `push-${p}` };
  }
  return true;
}

if (process.argv[1]?.endsWith('ledger-child.ts')) await main();
