import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { exportRows, importCsv, sheetsExport } from '../../src/flows/import-csv.js';
import { validateRepository } from '../../src/flows/validate.js';
import { CSV_COLUMNS, type CsvRow, csvPin, parseCsv, publishAt, writeCsv } from '../../src/import/csv.js';
import { runCli } from '../helpers/cli.js';
import { BASE, PROJECT, tempRepos } from '../helpers/repo.js';

const repos = tempRepos();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

/** A spreadsheet's export as a German-locale one writes it: a BOM, `;` between fields, CRLF, a description over two lines with quotes. */
const SHEET = [
  '\uFEFFTitle;Media URL;Pinterest board;Thumbnail;Description;Link;Publish date;Keywords',
  'Waterproof boots;https://cdn.example.com/boots.jpg;Winter Looks;;"Two lines:\r\nthe second with ""quotes"" and a ; too";https://shop.example.com/boots;2026-12-01 09:00;boots, winter',
  ';https://cdn.example.com/none.jpg;Winter Looks;;no title here;;;',
  'Cozy socks;https://cdn.example.com/socks.jpg;Nowhere;;socks;;;',
  'Wool hat;https://cdn.example.com/hat.jpg;cozy home;;A *warm* hat #wool;https://shop.example.com/hat;next tuesday;',
  'Snow jacket;https://cdn.example.com/jacket.jpg;Winter Looks/Boots;;A jacket;https://shop.example.com/jacket;2026-12-02T10:30:00+00:00;',
  '',
].join('\r\n');

const env = {};
const repoWith = (files: Record<string, string> = {}) => repos({ ...BASE, 'pinops.yml': 'timezone: Europe/Berlin\n', ...files });

describe('CSV: parse and write', () => {
  it('reads quoted fields, line breaks inside them, a BOM and `;`, and says on which line each row starts', () => {
    const { rows } = parseCsv(SHEET);
    expect(rows.map((r) => r.line)).toEqual([2, 4, 5, 6, 7]);
    expect(rows[0]?.row.Description).toBe('Two lines:\r\nthe second with "quotes" and a ; too');
    expect(rows[0]?.row.Title).toBe('Waterproof boots');
    expect(parseCsv('Title,Media URL\n"a, b",https://x.example/a.jpg\n').rows[0]?.row.Title).toBe('a, b');
    expect(() => parseCsv('Name,Picture\nx,y\n')).toThrow('no "Title" column');
    const video = csvPin(
      { line: 9, row: { Title: 'Clip', 'Media URL': 'https://cdn.example.com/clip.mp4', 'Pinterest board': 'Cozy Home' } },
      { boards: ['Cozy Home'], httpsOnly: true },
    );
    expect(video).toEqual([{ row: 9, column: 'Media URL', message: expect.stringContaining('a video') }]);
  });

  it('round-trips 10,000 rows, with tabs as well', () => {
    const rows: CsvRow[] = Array.from({ length: 10_000 }, (_, i) => ({
      Title: `Pin ${i}, "quoted"`,
      'Media URL': `https://cdn.example.com/${i}.jpg`,
      'Pinterest board': i % 2 ? 'Winter Looks' : 'Cozy Home',
      Description: `Line one of ${i};\nline two`,
      Link: `https://shop.example.com/p/${i}?a=1&b=2`,
      Keywords: 'a, b',
    }));
    for (const sep of [',', ';', '\t']) {
      const back = parseCsv(writeCsv(rows, sep)).rows.map((r) => r.row);
      expect(back).toEqual(rows);
    }
    expect(writeCsv([]).split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
  });

  it('reads a publish date in the time zone, or with its own offset', () => {
    expect(publishAt('2026-12-01 09:00', 'Europe/Berlin')).toBe('2026-12-01T09:00:00+01:00');
    expect(publishAt('2026-07-01', 'Europe/Berlin')).toBe('2026-07-01T00:00:00+02:00');
    expect(publishAt('2026-12-02T10:30:00+00:00', 'Europe/Berlin')).toBe('2026-12-02T10:30:00Z');
    expect(publishAt('next tuesday', undefined)).toBeNull();
  });

  it('reads a Google Sheets link as its CSV export', () => {
    expect(sheetsExport('https://docs.google.com/spreadsheets/d/abc-1_2/edit#gid=42')).toBe('https://docs.google.com/spreadsheets/d/abc-1_2/export?format=csv&gid=42');
    expect(sheetsExport('https://example.com/pins.csv')).toBe('https://example.com/pins.csv');
  });
});

describe('pinops import FILE.csv and pinops export', () => {
  it('writes a pin file per good row, reports each bad row by line and column, and exports the same rows back', async () => {
    const root = await repoWith({ 'pins.csv': SHEET });
    const r = await importCsv({ root, env, source: join(root, 'pins.csv'), dryRun: false, download: false, log: () => {} });
    expect(r.problems.map((p) => `${p.row} ${p.column}`)).toEqual(['4 Title', '5 Pinterest board', '6 Publish date']);
    expect(r.pins.map((p) => p.file)).toEqual(['content/pins/csv/waterproof-boots.md', 'content/pins/csv/snow-jacket.md']);
    const v = await validateRepository({ root, env });
    expect(v.ok && v.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(await readFile(join(root, 'content/pins/csv/waterproof-boots.md'), 'utf8')).toContain('publish_at: 2026-12-01T09:00:00+01:00');
    expect(await readFile(join(root, 'content/pins/csv/snow-jacket.md'), 'utf8')).toContain('section: Boots');

    const { rows } = await exportRows({ root, env });
    const back = parseCsv(writeCsv(rows, ';'))
      .rows.map((x) => x.row)
      .sort((a, b) => (a.Title ?? '').localeCompare(b.Title ?? ''));
    const sent = parseCsv(SHEET).rows.map((x) => x.row);
    expect(back).toEqual([
      { ...sent[4], 'Publish date': '2026-12-02T10:30:00Z' },
      { ...sent[0], Description: 'Two lines:\nthe second with "quotes" and a ; too', 'Publish date': '2026-12-01T09:00:00+01:00' },
    ]);

    const again = await importCsv({ root, env, source: join(root, 'pins.csv'), dryRun: false, download: false, log: () => {} });
    expect(again.pins).toEqual([]);
    expect(again.already).toBe(2);
  });

  it('downloads each picture through the safe fetch, and the CLI says which rows were not written', async () => {
    const jpeg = await readFile(join(PROJECT, 'content/media/boots.jpg'));
    let sheet = '';
    const server = createServer((req, res) => {
      if (req.url === '/boots.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
      else if (req.url === '/sheet.csv') res.writeHead(200, { 'content-type': 'text/csv' }).end(sheet);
      else res.writeHead(404).end();
    });
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    closers.push(() => new Promise((ok) => server.close(() => ok())));
    const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const csv = `Title,Media URL,Pinterest board\nBoots,http://${host}/boots.jpg,Winter Looks\nGone,http://${host}/gone.jpg,Winter Looks\n`;
    const root = await repoWith({ 'in.csv': csv });
    const cli = await runCli(['import', 'in.csv'], root, { PINOPS_ALLOW_PRIVATE_NETWORK: host });
    expect(cli.code).toBe(1);
    expect(cli.out).toContain('wrote content/pins/csv/boots.md (row 2)');
    expect(cli.out).toMatch(/row 3, Media URL: .*404/);
    expect(Buffer.compare(await readFile(join(root, 'content/media/csv/boots.jpg')), jpeg)).toBe(0);
    const refused = await runCli(['import', 'in.csv', '--dry-run'], root, {});
    expect(refused.out).toContain('1 row(s) imported before');
    // The same columns from a URL (a published sheet's CSV), fetched through the safe fetch.
    sheet = `Title,Media URL,Pinterest board\nSheet boots,http://${host}/boots.jpg,Cozy Home\n`;
    const fromUrl = await runCli(['import', `http://${host}/sheet.csv`], root, { PINOPS_ALLOW_PRIVATE_NETWORK: host });
    expect(fromUrl.out).toContain('wrote content/pins/csv/sheet-boots.md (row 2)');
    expect((await runCli(['import', `http://${host}/sheet.csv`], root, {})).code).not.toBe(0);

    const out = await runCli(['export', '--csv', 'out.csv', '--separator', ';'], root, {});
    expect(out.code).toBe(0);
    expect(await readFile(join(root, 'out.csv'), 'utf8')).toContain('Boots;../../media/csv/boots.jpg;Winter Looks');
    const json = await runCli(['export', '--json'], root, {});
    expect(JSON.parse(json.out).pins.map((p: { id: string; board: string }) => `${p.id} ${p.board}`)).toEqual(['csv/boots Winter Looks', 'csv/sheet-boots Cozy Home']);
  });
});
