import { MAX_PREVIEWS, type PreviewBundle, type PreviewPin } from '../../src/flows/preview-bundle.js';
import type { CommentContext } from '../../src/flows/preview-comment.js';
import type { PlanAction } from '../../src/plan/plan.js';

export const WEB = 'https://github.com/acme/pins';
export const HEAD_SHA = 'a1'.repeat(20);
/** The previews branch's commit the images are at. */
export const IMAGES_AT = 'b2'.repeat(20);
export const RUN = `${WEB}/actions/runs/777/attempts/2`;

export const imageUrl = (name: string) => `${WEB}/blob/${IMAGES_AT}/pr-7/${name}?raw=true`;
export const context = (over: Partial<CommentContext> = {}): CommentContext => ({ web: WEB, imageUrl, runUrl: RUN, ...over });

/** Text as long as Pinterest allows, with what markdown and HTML would act on. */
const TITLE = (i: number) => `Pin ${i}: boots & scarves <b>|</b> \`code\` *sale* @octocat https://evil.example `.padEnd(100, 'x');

/**
 * The bundle of a pull request that adds or changes `n` pins, as the pull_request job makes it:
 * the first MAX_PREVIEWS drawn (one of them failed), titles at the 100-character limit full of
 * markup, problems with long messages, drafts, updates with old → new values, scheduled times.
 * With `long`, every text is at its limit (the artifact's limits: what a forged one could send);
 * with `plain`, titles and paths are as most are (`Waterproof boots 17`, `content/pins/p0017.md`).
 */
export function bigPull(n: number, opts: { long?: boolean; plain?: boolean } = {}): PreviewBundle {
  const pins: PreviewPin[] = [];
  const actions: PlanAction[] = [];
  const images = new Map<string, Buffer>();
  for (let i = 0; i < n; i++) {
    const key = `winter/p${String(i).padStart(4, '0')}`;
    const file = opts.plain ? `content/pins/p${String(i).padStart(4, '0')}.md` : `content/pins/winter sale (${i % 7})/p${String(i).padStart(4, '0')}.md`;
    const image = i < MAX_PREVIEWS && i !== 5 ? `${key.replace('/', '-')}.png` : undefined;
    if (image) images.set(image, Buffer.from([i]));
    const message = opts.long ? `\`link\` ${'is not a URL <img src=x> '.repeat(80)}` : '`link` uses ftp:, not http or https';
    pins.push({
      key,
      title: opts.long ? `${TITLE(i)}${'y'.repeat(400)}` : opts.plain ? `Waterproof boots ${i}` : TITLE(i),
      file,
      line: 1 + (i % 4),
      draft: i % 10 === 3,
      ...(i % 9 === 4
        ? { problem: { severity: 'error' as const, message } }
        : i % 9 === 6
          ? { problem: { severity: 'warning' as const, message: 'the pin has no `alt_text`' } }
          : {}),
      ...(image ? { image } : {}),
      ...(i === 5 ? { error: 'the image `content/media/x.jpg` does not decode: it is truncated' } : {}),
    });
    actions.push(planAction(i, key, file, 1 + (i % 4), opts.long ?? false));
  }
  return { headSha: HEAD_SHA, pins, images, timezone: 'Europe/Berlin', plan: { now: new Date('2026-12-01T10:00:00Z'), actions, removed: [], rules: [], notes: [] } };
}

function planAction(i: number, key: string, file: string, line: number, long: boolean): PlanAction {
  const base = { key, file, line };
  if (i % 9 === 4) return { ...base, kind: 'invalid', reason: `\`link\` uses ftp:, not http or https (${file}:${line})` };
  if (i % 10 === 3) return { ...base, kind: 'draft' };
  if (i % 3 === 1) {
    const text = long ? 'Keep dry all winter with boots that last. '.repeat(19) : 'Keep dry all winter.';
    return {
      ...base,
      kind: 'update',
      pinId: String(4_800_000_000_000_000 + i),
      changes: ['title', 'description', 'link'],
      diff: [
        { field: 'title', from: `Old title ${i}`, to: TITLE(i) },
        { field: 'description', from: text, to: `${text} Free returns.` },
        {
          field: 'link',
          from: `https://shop.example.com/p/${i}?utm_source=pinterest&utm_campaign=${key}`,
          to: `https://shop.example.com/p/${i}?color=black&utm_source=pinterest&utm_campaign=${key}`,
        },
      ],
    };
  }
  if (i % 3 === 2) return { ...base, kind: 'scheduled', at: new Date(Date.UTC(2026, 11, 24, 23, i % 60)), reason: 'publish_at' };
  return { ...base, kind: 'create' };
}
