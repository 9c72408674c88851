import { marked } from 'marked';
import { describe, expect, it } from 'vitest';
import type { PreviewBundle } from '../../src/flows/preview-bundle.js';
import { earlierHeads, MAX_COMMENT, PLAN_MARKER, previewComments, VISIBLE } from '../../src/flows/preview-comment.js';
import { MARKER } from '../../src/github/previews.js';
import { bigPull, context, HEAD_SHA, imageUrl, RUN, WEB } from '../helpers/big-pull.js';

const GITHUB_LIMIT = 65_536;

/** Where a pin's file is at the head commit, as the comment must link it. */
const fileAt = (file: string, line: number) =>
  `${WEB}/blob/${HEAD_SHA}/${file
    .split('/')
    .map((p) => encodeURIComponent(p).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/')}#L${line}`;

const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;

/**
 * What GitHub would render, checked for shape: every element opened is closed, every table row
 * whole (the grid's rows three cells at most, a markdown table's rows as many cells as its head).
 */
async function wellFormed(body: string): Promise<string> {
  for (const tag of ['table', 'tr', 'td', 'details', 'summary', 'a', 'b', 'code'])
    expect(count(body, new RegExp(`<${tag}[ >]`, 'g')), `<${tag}> opened and closed`).toBe(count(body, new RegExp(`</${tag}>`, 'g')));
  const html = await marked.parse(body, { gfm: true });
  expect(count(html, /<table>/g)).toBe(count(html, /<\/table>/g));
  for (const table of html
    .split('<table>')
    .slice(1)
    .map((t) => t.split('</table>')[0] ?? '')) {
    const widths = [...table.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((r) => count(r[1] ?? '', /<t[dh][ >]/g));
    if (table.includes('<thead>')) expect(new Set(widths).size, 'a markdown table has rows of one width').toBe(1);
    else expect(widths.every((w) => w >= 1 && w <= 3)).toBe(true);
  }
  return html;
}

describe('the previews comment of a 200-pin pull request', () => {
  const bundle = bigPull(200);
  const { previews, plan } = previewComments(bundle, context());

  it('stays under GitHub’s limit: the previews in one comment, the plan in a second', () => {
    expect(previews.length).toBeLessThanOrEqual(MAX_COMMENT);
    expect(plan?.length).toBeLessThanOrEqual(MAX_COMMENT);
    for (const body of [previews, plan as string]) expect([...body].length).toBeLessThan(GITHUB_LIMIT);
    expect(previews.startsWith(`${MARKER}\n`)).toBe(true);
    expect(plan?.startsWith(`${PLAN_MARKER}\n`)).toBe(true);
    // Nothing a pin says forges either marker.
    expect(previews.split(MARKER)).toHaveLength(2);
    expect(`${previews}${plan}`.split(PLAN_MARKER)).toHaveLength(2);
  });

  it('is well-formed: tables complete, details closed, a grid three across', async () => {
    await wellFormed(previews);
    await wellFormed(plan as string);
    const grids = previews.match(/<table>\n[\s\S]*?<\/table>/g) ?? [];
    expect(grids).toHaveLength(2);
    expect(count(grids[0] as string, /<td /g)).toBe(VISIBLE);
    expect(previews.indexOf('<table>')).toBeLessThan(previews.indexOf('<details><summary>188 more pin(s)</summary>'));
  });

  it('shows every pin once: the first dozen in the grid, the rest folded, drawn ones in a grid, the others listed', async () => {
    const html = await wellFormed(previews);
    const keys = [...html.matchAll(/<code>(winter\/p\d{4})<\/code>/g)].map((m) => m[1]);
    const omitted = Number(/…and (\d+) more pin\(s\) than fit/.exec(previews)?.[1] ?? 0);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.length + omitted).toBe(200);
    expect(keys.slice(0, 40)).toEqual(bundle.pins.slice(0, 40).map((p) => p.key));
    expect(previews).toContain('Not drawn: pinops draws the first 40 pins of a pull request.');
  });

  it('links every image to its preview and every file to its line at the head commit', async () => {
    const images = [...previews.matchAll(/<img src="([^"]+)" width="240" alt="preview of ([^"]+)">/g)];
    expect(images).toHaveLength(39);
    for (const [, src, key] of images) expect(src).toBe(imageUrl(`${key?.replace('/', '-')}.png`));
    expect(previews).toContain('<i>Preview not drawn: the image <code>content/media/x.jpg</code> does not decode: it is truncated</i>');
    const byKey = new Map(bundle.pins.map((p) => [p.key, fileAt(p.file, p.line as number)]));
    // In the grid: the title links to the file; in the list: the key does.
    const gridLinks = [...previews.matchAll(/<a href="([^"]+)"><b>[^<]*<\/b><\/a><br><code>([^<]+)<\/code>/g)];
    const listLinks = [...previews.matchAll(/^\| \[`([^`]+)`\]\(([^)]+)\) \|/gm)];
    expect(gridLinks.length).toBe(40);
    expect(listLinks.length).toBeGreaterThan(100);
    for (const [, href, key] of gridLinks) expect(href?.replace(/&amp;/g, '&')).toBe(byKey.get(key as string));
    for (const [, key, href] of listLinks) expect(href).toBe(byKey.get(key as string));
    const planLinks = [...(plan as string).matchAll(/\[`([^`]+):(\d+)`\]\(([^)]+)\)/g)];
    expect(planLinks.length).toBeGreaterThan(150);
    for (const [, file, line, href] of planLinks) expect(href).toBe(fileAt(file as string, Number(line)));
    expect(previews).toContain(`made by [this workflow run](${RUN})`);
    expect(previews).toContain(`[a1a1a1a](${WEB}/commit/${HEAD_SHA})`);
  });

  it("shows updates old → new, times in the settings' zone, messages without backslashes", async () => {
    const row = (plan as string).split('\n').find((l) => l.includes('`winter/p0001`')) as string;
    // Values are code spans (a fence longer than the backticks inside), shortened; a long shared start is cut.
    expect(row).toContain('title: `Old title 1` → ``Pin 1: boots & scarves <b>\\|</b> `code` *sale* @octocat…``');
    expect(row).toContain(
      'link: `…shop.example.com/p/1?utm_source=pinterest&utm_campaign=winter/p0001` → `…shop.example.com/p/1?color=black&utm_source=pinterest&utm_campaign=winter/p0001`',
    );
    expect(plan).toContain('Times are in Europe/Berlin, with UTC in brackets.');
    expect(plan).toContain('| scheduled | 2026-12-25 00:02 +01:00 (2026-12-24 23:02 UTC); publish_at |');
    const html = await marked.parse(previews, { gfm: true });
    expect(html).toContain('❌ <code>link</code> uses ftp:, not http or https');
    expect(html.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/\\[`<>|*&!]/);
    // User text links nothing, pings nobody, opens no element of its own.
    for (const out of [html, await marked.parse(plan as string, { gfm: true })]) {
      expect(out).not.toMatch(/<a [^>]*evil/);
      expect(out.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/@octocat/);
      expect(out.replace(/<code>[\s\S]*?<\/code>/g, '')).not.toMatch(/<b>\|<\/b>/);
    }
  });
});

describe('the previews comment: small pull requests, enormous ones, and the update', () => {
  it('a plain 200-pin pull request shows every pin and every row of the plan', async () => {
    const { previews, plan } = previewComments(bigPull(200, { plain: true }), context());
    expect(previews).not.toContain('than fit in this comment');
    expect(plan).not.toContain('more line(s) of the plan');
    expect(count(previews, /<code>winter\/p\d{4}<\/code>|^\| \[`winter\/p\d{4}`\]/gm)).toBe(200);
    expect(count(plan as string, /^\| \S+ \| `winter\/p\d{4}`/gm)).toBe(200);
  });

  it('a small pull request gets one comment with the previews and the plan, and nothing folded', async () => {
    const { previews, plan } = previewComments(bigPull(5), context());
    expect(plan).toBeUndefined();
    expect(previews).not.toContain('<details>');
    expect(previews).toContain('### Plan');
    expect(count(previews, /<td /g)).toBe(5);
    await wellFormed(previews);
  });

  it('every text at its limit, a thousand pins: each comment under the limit, whole, and the rest counted', async () => {
    const big = bigPull(1000, { long: true });
    const { previews, plan } = previewComments(big, context({ earlier: Array.from({ length: 20 }, (_, i) => String(i).padStart(40, 'c')) }));
    for (const body of [previews, plan as string]) {
      expect([...body].length).toBeLessThan(GITHUB_LIMIT);
      expect(body.length).toBeLessThanOrEqual(MAX_COMMENT);
      await wellFormed(body);
    }
    const shown = count(previews, /<code>winter\/p\d{4}<\/code>|^\| \[`winter\/p\d{4}`\]/gm);
    const omitted = Number(/…and (\d+) more pin\(s\) than fit in this comment: \[the job summary\]\(([^)]+)\) has every pin in its plan\./.exec(previews)?.[1]);
    expect(shown + omitted).toBe(1000);
    expect(plan).toMatch(/…and \d+ more line\(s\) of the plan: \[the job summary\]\([^)]+\) has them all\./);
    expect(previews).toContain('Earlier previews (outdated)');
  });

  it('an untrusted bundle (a fork’s artifact) cannot end the grid, the fold or the comment early', async () => {
    const b: PreviewBundle = bigPull(20);
    const evil = '</td></tr></table></details>\n\n<!-- pinops:plan -->\n## Approved';
    b.pins = b.pins.map((p, i) => ({ ...p, title: evil, ...(i === 0 ? { problem: { severity: 'error' as const, message: evil } } : {}), ...(i === 13 ? { error: evil } : {}) }));
    const { previews } = previewComments(b, context());
    const html = await wellFormed(previews);
    expect(count(html, /<h2>/g)).toBe(1);
    expect(previews.split(PLAN_MARKER)).toHaveLength(1);
  });

  it('earlier heads: newest first, only pinops’ own marker lines, never the current head', () => {
    const body = [
      `${MARKER}\n<!-- pinops:head ${'b'.repeat(40)} -->`,
      // Quoted text (a file name in a code span) is never a line of its own.
      `| \`<!-- pinops:head ${'e'.repeat(40)} -->\` |`,
      `<!-- pinops:head ${'a'.repeat(40)} -->`,
      `<!-- pinops:head ${'c'.repeat(40)} -->`,
    ].join('\n');
    expect(earlierHeads(body, 'c'.repeat(40))).toEqual(['b'.repeat(40), 'a'.repeat(40)]);
  });
});
