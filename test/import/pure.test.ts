import { describe, expect, it } from 'vitest';
import { accountPin, pinIdOfFile } from '../../src/import/account-pin.js';
import { declaredName, mergeBoards } from '../../src/import/boards-file.js';

const board = (name: string, sections: string[] = [], privacy: 'public' | 'secret' = 'public') => ({
  id: `1${name.length}`,
  name,
  privacy,
  sections: sections.map((s, i) => ({ id: `9${i}`, name: s })),
});

describe('boards.yml merged with the account', () => {
  it('keeps comments, order and spelling; adds missing boards and sections; a board is found in any case', () => {
    const text = '# our boards\nboards:\n  - name: winter looks # the main one\n    sections: [Boots]\n  - name: Cozy Home\n';
    const merged = mergeBoards(text, [board('Winter Looks', ['boots', 'Scarves']), board('Cozy Home'), board('Drafts', [], 'secret')]);
    expect(merged).toBe(
      '# our boards\nboards:\n  - name: winter looks # the main one\n    sections: [ Boots, Scarves ]\n  - name: Cozy Home\n  - name: Drafts\n    privacy: secret\n',
    );
    expect(mergeBoards(merged, [board('Winter Looks', ['Scarves'])])).toBeUndefined();
    expect(declaredName(text, 'Winter Looks')).toBe('winter looks');
    expect(mergeBoards(undefined, [board('New')])).toContain('boards:\n  - name: New\n');
    expect(() => mergeBoards('boards: [\n', [])).toThrow('does not parse');
  });
});

describe('an account pin as a pin file', () => {
  it('leaves out what a pin file cannot keep, and knows an imported file by its name', () => {
    const boards = new Map([['15', board('Boots')]]);
    expect(accountPin({ id: '77', board_id: '15', media: { media_type: 'multiple_videos', items: [] } }, boards)).toEqual({
      skip: 'pin 77: its media (multiple_videos) cannot be kept in a pin file',
    });
    expect(accountPin({ id: '78', board_id: '99', media: { media_type: 'image' } }, boards)).toMatchObject({ skip: expect.stringContaining('not among the boards imported') });
    expect(pinIdOfFile('content/pins/imported/boots/warm-boots-4800000000000000011.md')).toBe('4800000000000000011');
    expect(pinIdOfFile('content/pins/imported/boots/4800000000000000011.md')).toBe('4800000000000000011');
    expect(pinIdOfFile('content/pins/imported/boots/my-own-pin.md')).toBeUndefined();
  });
});
