import { stringify } from 'yaml';

/** Markdown's punctuation escaped: the description reads back exactly as it was given. */
export const escapeMarkdown = (s: string) => s.replace(/[\\`*_{}[\]()#+\-.!|<>~&]/g, (c) => `\\${c}`);

/** A markdown pin file: comment lines saying where it came from, the front matter, the description as its body. */
export function pinFileText(notes: readonly string[], front: Record<string, unknown>, description: string): string {
  return `---\n${notes.map((n) => `# ${n}\n`).join('')}${stringify(front, { lineWidth: 0 })}---\n${escapeMarkdown(description)}\n`;
}
