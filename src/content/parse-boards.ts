import { type Diagnostic, diagnostic } from '../diagnostics/diagnostic.js';
import { type Board, BoardsFileSchema } from './schema.js';
import { decodeText } from './text.js';
import { locate, parseYaml, type YamlSource } from './yaml-source.js';
import { issuesToDiagnostics } from './zod-diagnostics.js';

/** content/boards.yml, parsed. `boards` is undefined when the file is missing or unusable. */
export interface BoardsModel {
  file: string;
  boards: Board[] | undefined;
  source?: YamlSource;
}

/** Parses boards.yml; duplicate board names (ignoring case, as Pinterest does) are errors. */
export function parseBoards(file: string, bytes: Uint8Array): { model: BoardsModel; diagnostics: Diagnostic[] } {
  const decoded = decodeText(bytes);
  if (!decoded.ok) return { model: { file, boards: undefined }, diagnostics: [diagnostic(decoded.reason, decoded.detail, file, decoded.position)] };
  const { source, diagnostics } = parseYaml(file, decoded.text);
  if (!source) return { model: { file, boards: undefined }, diagnostics };
  const parsed = BoardsFileSchema.safeParse(source.data, { reportInput: true });
  if (!parsed.success) return { model: { file, boards: undefined, source }, diagnostics: issuesToDiagnostics(BoardsFileSchema, parsed.error, source, { base: [] }) };
  const out: Diagnostic[] = [];
  const seen = new Map<string, number>();
  parsed.data.boards.forEach((b, i) => {
    const k = b.name.toLowerCase();
    const first = seen.get(k);
    if (first !== undefined) {
      const at = locate(source, ['boards', first, 'name']);
      out.push(
        diagnostic('duplicate-board', `board "${b.name}" is listed twice (first at line ${at.line})`, file, locate(source, ['boards', i, 'name']), { field: `boards[${i}].name` }),
      );
    } else seen.set(k, i);
    const sections = new Set<string>();
    b.sections.forEach((s, j) => {
      if (sections.has(s.toLowerCase()))
        out.push(
          diagnostic('duplicate-board', `section "${s}" is listed twice in board "${b.name}"`, file, locate(source, ['boards', i, 'sections', j]), {
            field: `boards[${i}].sections[${j}]`,
          }),
        );
      sections.add(s.toLowerCase());
    });
  });
  return { model: { file, boards: parsed.data.boards, source }, diagnostics: out };
}

/** The names of the secret boards boards.yml declares: listing, creating and pinning to them need scopes of their own. */
export function secretBoards(model: BoardsModel | undefined): string[] {
  return (model?.boards ?? []).filter((b) => b.privacy === 'secret').map((b) => b.name);
}
