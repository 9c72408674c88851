import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { PROJECT } from './helpers/repo.js';

const LIMIT = 60;

/** Templates are exempt for good: a workflow file reads best as one. */
const TEMPLATES = new Set(['src/cli/init.ts workflowYaml']);

function* sources(dir: string): Generator<string> {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'generated') yield* sources(path);
    } else if (name.endsWith('.ts')) yield path;
  }
}

/** Every function in src/ longer than the limit, by file and name, with its length in lines. */
function longFunctions(): Map<string, number> {
  const out = new Map<string, number>();
  for (const file of sources(join(PROJECT, 'src'))) {
    const rel = file.slice(PROJECT.length + 1);
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
    const visit = (n: ts.Node): void => {
      if (ts.isFunctionLike(n) && 'body' in n && n.body) {
        const lines = sf.getLineAndCharacterOfPosition(n.getEnd()).line - sf.getLineAndCharacterOfPosition(n.getStart()).line + 1;
        const name = n.name?.getText(sf) ?? '(anonymous)';
        if (lines > LIMIT) out.set(`${rel} ${name}`, Math.max(lines, out.get(`${rel} ${name}`) ?? 0));
      }
      ts.forEachChild(n, visit);
    };
    visit(sf);
  }
  return out;
}

describe('the code reads at once', () => {
  const found = longFunctions();

  it(`no function in src/ is over ${LIMIT} lines (tables and templates aside)`, () => {
    const long = [...found].filter(([k]) => !TEMPLATES.has(k)).map(([k, n]) => `${k}: ${n} lines`);
    expect(long).toEqual([]);
  });
});

describe('media are read in one place', () => {
  it('only files/media-library.ts opens, reads, hashes or streams repository media (so a run reads each file once)', () => {
    const readers = /\b(openMediaFile|readOpened|hashOpened|uploadSource)\(/;
    const users = [...sources(join(PROJECT, 'src'))]
      .map((f) => f.slice(PROJECT.length + 1))
      .filter((rel) => readers.test(readFileSync(join(PROJECT, rel), 'utf8')))
      .sort();
    expect(users).toEqual(['src/files/media-file.ts', 'src/files/media-library.ts']);
  });
});
