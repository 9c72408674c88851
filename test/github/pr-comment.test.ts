import { describe, expect, it } from 'vitest';
import { cutToFit } from '../../src/github/pr-comment.js';

const NOTE = '\n\n…(cut; the job summary has the full report)';

describe('the comment on a merged pull request', () => {
  it('fits GitHub’s 65,536 characters: a longer one is cut after its last whole line, with a pointer to the job summary', () => {
    const row = (i: number) => `| pin-${i} | ✔ created | [https://www.pinterest.com/pin/${4_800_000_000_000 + i}/](https://www.pinterest.com/pin/${4_800_000_000_000 + i}/) |`;
    const rows = Array.from({ length: 1000 }, (_, i) => row(i));
    const body = `## pinops published this pull request\n\n| pin | result | link |\n|---|---|---|\n${rows.join('\n')}\n`;
    expect(body.length).toBeGreaterThan(65_536);
    const cut = cutToFit(body);
    expect(cut.length).toBeLessThanOrEqual(65_536);
    expect(cut.endsWith(NOTE)).toBe(true);
    // Every table row kept is whole.
    const kept = cut.slice(0, -NOTE.length).split('\n').slice(4);
    expect(kept.length).toBeGreaterThan(300);
    expect(kept).toEqual(rows.slice(0, kept.length));
    expect(cutToFit('short')).toBe('short');
  });

  it('one line longer than the limit is cut within it, never between the halves of an emoji', () => {
    const body = `${'a'.repeat(64_999)}📌${'b'.repeat(1000)}`;
    const cut = cutToFit(body).slice(0, -NOTE.length);
    expect(cut).toBe('a'.repeat(64_999));
    expect(cutToFit(`${'a'.repeat(70_000)}`).slice(0, -NOTE.length)).toHaveLength(65_000);
  });
});
