import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { FORK_WORKFLOW, workflowYaml } from '../src/cli/init.js';
import { PROJECT } from './helpers/repo.js';

interface ActionYml {
  inputs: Record<string, { description: string; default?: string }>;
  outputs: Record<string, { description: string }>;
}

const read = (f: string) => readFile(join(PROJECT, f), 'utf8');

/** The rows of the markdown table that starts with `header`: cells without their backticks. */
function table(readme: string, header: string): string[][] {
  const start = readme.indexOf(header);
  expect(start, `README has the table "${header}"`).toBeGreaterThan(-1);
  const rows = readme.slice(start).split('\n').slice(2);
  return rows
    .slice(
      0,
      rows.findIndex((r) => !r.startsWith('|')),
    )
    .map((r) =>
      r
        .slice(1, -1)
        .split('|')
        .map((c) => c.trim().replace(/`/g, '')),
    );
}

/** Every name the action passes to core.setOutput. */
async function outputsSet(): Promise<Set<string>> {
  const names = new Set<string>();
  for (const f of await readdir(join(PROJECT, 'src'), { recursive: true }))
    if (String(f).endsWith('.ts')) for (const m of (await read(join('src', String(f)))).matchAll(/setOutput\('([\w-]+)'/g)) names.add(m[1] as string);
  return names;
}

describe('action.yml and the README say the same', () => {
  it('every input, with its default and description, as the README lists it', async () => {
    const action = parse(await read('action.yml')) as ActionYml;
    const rows = table(await read('README.md'), '| input | default | what it does |');
    expect(rows.map(([name]) => name)).toEqual(Object.keys(action.inputs));
    for (const [name, def, what] of rows) {
      expect(action.inputs[name as string]?.description, name).toBe(what);
      expect(action.inputs[name as string]?.default ?? '', name).toBe(def);
    }
  });

  it('every output the code sets is declared and described as in the README', async () => {
    const action = parse(await read('action.yml')) as ActionYml;
    const rows = table(await read('README.md'), '| output | what it holds |');
    expect(rows.map(([name]) => name)).toEqual(Object.keys(action.outputs));
    for (const [name, what] of rows) expect(action.outputs[name as string]?.description, name).toBe(what);
    expect([...(await outputsSet())].filter((o) => !(o in action.outputs))).toEqual([]);
  });

  it('the workflows the README shows are the ones `pinops init` writes', async () => {
    const readme = await read('README.md');
    const blocks = [...readme.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]);
    expect(blocks).toContain(workflowYaml('main'));
    expect(blocks).toContain(FORK_WORKFLOW);
  });
});
