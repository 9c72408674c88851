import { isMap, isSeq, parseDocument, type YAMLMap, YAMLSeq } from 'yaml';
import type { AccountBoard } from './account-pin.js';
import { ImportError } from './errors.js';

const HEADER = '# yaml-language-server: $schema=../schemas/boards.schema.json\n# The boards (and sections) that pins may name. Missing ones are created when pins are published.\n';

/**
 * content/boards.yml with the account's boards merged in: a board it lacks is added, a board it has
 * (by name, in any case) gains the sections it lacks; what is there (comments, order, spelling) is
 * kept. Returns the new text, or undefined when nothing is added.
 */
export function mergeBoards(text: string | undefined, boards: readonly AccountBoard[]): string | undefined {
  const doc = parseDocument(text ?? 'boards:\n');
  if (doc.errors.length) throw new ImportError(`content/boards.yml does not parse (${doc.errors[0]?.message}): repair it before importing`);
  let list = doc.get('boards');
  if (!isSeq(list)) {
    if (list !== undefined && list !== null) throw new ImportError('content/boards.yml has no `boards:` list: repair it before importing');
    list = new YAMLSeq();
    doc.set('boards', list);
  }
  const seq = list as YAMLSeq;
  // `boards: []` becomes a block list as it grows: one board a few lines, as people write them.
  if (seq.items.length === 0) seq.flow = false;
  let changed = text === undefined;
  for (const b of boards) {
    const have = seq.items.find((i) => isMap(i) && String(i.get('name')).toLowerCase() === b.name.toLowerCase()) as YAMLMap | undefined;
    if (!have) {
      seq.items.push(doc.createNode(boardNode(b)));
      changed = true;
      continue;
    }
    const sections = have.get('sections');
    const names = isSeq(sections) ? sections.items.map((s) => String((s as { value?: unknown }).value ?? s).toLowerCase()) : [];
    const missing = b.sections.map((s) => s.name).filter((s) => !names.includes(s.toLowerCase()));
    if (missing.length === 0) continue;
    if (isSeq(sections)) for (const s of missing) sections.add(s);
    else have.set('sections', doc.createNode(missing, { flow: true }));
    changed = true;
  }
  if (!changed) return undefined;
  const out = doc.toString({ lineWidth: 0 });
  return text === undefined ? `${HEADER}${out}` : out;
}

function boardNode(b: AccountBoard): Record<string, unknown> {
  return {
    name: b.name,
    ...(b.description ? { description: b.description } : {}),
    ...(b.privacy !== 'public' ? { privacy: b.privacy } : {}),
    ...(b.sections.length ? { sections: b.sections.map((s) => s.name) } : {}),
  };
}

/** The name boards.yml already gives a board (any case), or the account's. */
export function declaredName(text: string | undefined, name: string): string {
  if (!text) return name;
  const list = parseDocument(text).get('boards');
  if (!isSeq(list)) return name;
  for (const i of list.items) if (isMap(i) && String(i.get('name')).toLowerCase() === name.toLowerCase()) return String(i.get('name'));
  return name;
}
