import { createHash } from 'node:crypto';
import type { LogLine } from './format.js';

/**
 * Where things are on the ledger branch. The pins are spread over up to 4,096 small files by a
 * hash of their key, `pins/<2 hex>/<1 hex>.json` (the first three hex digits of the key's
 * SHA-256), so a push rewrites the few files whose pins changed, whatever the ledger's size: at
 * 50,000 pins a shard holds about a dozen entries (7 KB), and no folder has more than 256
 * entries, so the trees a push rewrites stay small too. 256 flat shards would hold 200 entries
 * (100 KB) each at that size, and a push of 30 pins would rewrite 3 MB.
 */
export const TOP = 'ledger.json';
export const PINS = 'pins';
export const README = 'README.md';
export const LOG = 'log';

/** The shard file of a pin key. */
export function shardOf(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  return `${PINS}/${hex.slice(0, 2)}/${hex.slice(2, 3)}.json`;
}

/** Is this path one of pins/' shards? */
export function isShard(path: string): boolean {
  return /^pins\/[0-9a-f]{2}\/[0-9a-f]\.json$/.test(path);
}

/**
 * The log file a line goes to: one file per run and month (`log/YYYY-MM/RUN.jsonl`), so a push
 * appends to its run's own file instead of rewriting the month's whole log. The run id is kept to
 * characters that are safe in a file name.
 */
export function logPath(line: LogLine): string {
  const run = line.run.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '_') || '_';
  return `log/${line.time.slice(0, 7)}/${run}.jsonl`;
}
