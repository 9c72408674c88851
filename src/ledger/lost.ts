import type { Ledger, LogLine } from './format.js';

/**
 * Pins the ledger's log shows pinops made, and that still stand: the last word on each key made a
 * pin (a create, an adoption, a republish) and nothing since took it away (a delete, a clear, a
 * recreate, a pin found gone, a rename to another key). Pure: the log's files by path
 * (`YYYY-MM/RUN.jsonl`, and the month files `YYYY-MM.jsonl` of before), their lines taken in
 * the order of their times (runs write files of their own; a file's lines keep their order).
 */
export function madeByLog(files: ReadonlyMap<string, string>): Map<string, string> {
  const made = new Map<string, string>();
  for (const line of logInOrder(files)) {
    if (line.result === 'intent') continue;
    const renamed = line.action === 'adopt' && line.error?.match(/^renamed from (.+)$/)?.[1];
    if (renamed) {
      const pin = made.get(renamed) ?? line.pin_id;
      made.delete(renamed);
      if (pin) made.set(line.pin, pin);
    } else if (line.result === 'ok' && line.pin_id && ['create', 'adopt', 'republish'].includes(line.action)) made.set(line.pin, line.pin_id);
    else if ((line.result === 'ok' && ['delete', 'clear', 'recreate'].includes(line.action)) || (line.action === 'update' && /not found/.test(line.error ?? '')))
      made.delete(line.pin);
  }
  return made;
}

/** Every line of the files, by time; lines of the same time in the order of the files' paths and their own. */
export function logInOrder(files: ReadonlyMap<string, string>): LogLine[] {
  const lines: LogLine[] = [];
  for (const name of [...files.keys()].sort()) {
    for (const text of (files.get(name) ?? '').split('\n')) {
      const line = parseLine(text);
      if (line) lines.push(line);
    }
  }
  const time = (l: LogLine) => (typeof l.time === 'string' ? l.time : '');
  // Array.prototype.sort is stable: equal times keep the order above.
  return lines.sort((a, b) => (time(a) < time(b) ? -1 : time(a) > time(b) ? 1 : 0));
}

function parseLine(text: string): LogLine | undefined {
  if (!text.trim()) return undefined;
  try {
    const v = JSON.parse(text) as LogLine;
    return typeof v?.pin === 'string' && typeof v.action === 'string' ? v : undefined;
  } catch {
    return undefined;
  }
}

/** Keys about to be created that the log shows published and the ledger no longer records. */
export function lostRecords(ledger: Ledger, made: ReadonlyMap<string, string>, creating: Iterable<string>): { key: string; pinId: string }[] {
  const out: { key: string; pinId: string }[] = [];
  for (const key of creating) {
    const pinId = made.get(key);
    if (pinId && !Object.hasOwn(ledger.pins, key)) out.push({ key, pinId });
  }
  return out;
}
