import sharp, { type OverlayOptions } from 'sharp';
import type { CalendarItem, CalendarModel } from '../plan/calendar.js';
import { shorten } from '../util/shorten.js';
import { text } from './sharp.js';

/**
 * The calendar as a PNG: each week a band of seven day columns, each posting time a row, each pin
 * a thumbnail of its preview with its time and board. Empty slots show as dashed boxes, days gone
 * by are shaded and their published pins greyed, highlighted pins (a PR's) framed in red.
 * Deterministic: the same model and thumbnails give the same bytes.
 */

const M = 20;
const TIME_W = 56;
const COL_W = 148;
const HEAD_H = 30;
const THUMB_W = 64;
const THUMB_H = 96;
const ROW_H = THUMB_H + 44;
const RED = '#e60023';
/** Characters of an 11 px line that fit in a column (Inter is about 6 px a character at that size). */
const LINE_CHARS = 24;

export interface CalendarImageInput {
  model: CalendarModel;
  items: readonly CalendarItem[];
  /** A thumbnail source per item key (its preview, any size: it is cut to 2:3). */
  thumbs: ReadonlyMap<string, Buffer>;
  title: string;
}

export async function renderCalendar(input: CalendarImageInput): Promise<Buffer> {
  const { model } = input;
  const width = M * 2 + TIME_W + COL_W * 7;
  const weekH = HEAD_H + ROW_H * Math.max(1, model.rows.length);
  const height = M * 2 + 34 + (weekH + 16) * model.weeks.length;
  const overlays: OverlayOptions[] = [{ input: Buffer.from(gridSvg(model, width, height, weekH)), left: 0, top: 0 }];
  overlays.push(await label(input.title, 18, 'bold', '#111111', width - 2 * M, M, M));
  const cells = byCell(input.items);
  for (const [w, week] of model.weeks.entries()) {
    const top = M + 34 + w * (weekH + 16);
    for (const [d, day] of week.days.entries()) {
      const left = M + TIME_W + d * COL_W;
      overlays.push(await label(day.label, 13, 'bold', day.past ? '#8a8a8a' : '#111111', COL_W - 8, left + 6, top + 8));
      for (const [r, time] of model.rows.entries()) {
        const list = cells.get(`${day.date} ${time}`) ?? [];
        const free = !day.past && day.slots.includes(time);
        overlays.push(...(await cell(list, free, input.thumbs, left + 6, top + HEAD_H + r * ROW_H + 6)));
      }
    }
    for (const [r, time] of model.rows.entries()) overlays.push(await label(time, 12, 'bold', '#555555', TIME_W - 8, M, top + HEAD_H + r * ROW_H + 8));
  }
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite(overlays)
    .png({ compressionLevel: 9, palette: true, quality: 90, effort: 7, dither: 0.5 })
    .toBuffer();
}

function byCell(items: readonly CalendarItem[]): Map<string, CalendarItem[]> {
  const out = new Map<string, CalendarItem[]>();
  for (const i of items) out.set(`${i.date} ${i.time}`, [...(out.get(`${i.date} ${i.time}`) ?? []), i]);
  return out;
}

/** Shading of days gone by, the lines between rows and columns, and a dashed box in every empty cell. */
function gridSvg(model: CalendarModel, width: number, height: number, weekH: number): string {
  const parts: string[] = [];
  for (const [w, week] of model.weeks.entries()) {
    const top = M + 34 + w * (weekH + 16);
    parts.push(`<rect x="${M}" y="${top}" width="${width - 2 * M}" height="${weekH}" fill="none" stroke="#d0d0d0"/>`);
    for (const [d, day] of week.days.entries()) {
      const left = M + TIME_W + d * COL_W;
      if (day.past) parts.push(`<rect x="${left}" y="${top}" width="${COL_W}" height="${weekH}" fill="#f1f1f1"/>`);
      parts.push(`<line x1="${left}" y1="${top}" x2="${left}" y2="${top + weekH}" stroke="#d0d0d0"/>`);
    }
    for (let r = 0; r <= model.rows.length; r++)
      parts.push(`<line x1="${M}" y1="${top + HEAD_H + r * ROW_H}" x2="${width - M}" y2="${top + HEAD_H + r * ROW_H}" stroke="#e2e2e2"/>`);
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join('')}</svg>`;
}

/** One cell: up to two thumbnails side by side, the first pin's time and board under them, "+N" for more; a dashed box for a free slot. */
async function cell(list: readonly CalendarItem[], free: boolean, thumbs: ReadonlyMap<string, Buffer>, left: number, top: number): Promise<OverlayOptions[]> {
  if (list.length === 0) {
    if (!free) return [];
    const box = `<svg xmlns="http://www.w3.org/2000/svg" width="${THUMB_W}" height="${THUMB_H}"><rect x="1" y="1" width="${THUMB_W - 2}" height="${THUMB_H - 2}" fill="none" stroke="#bdbdbd" stroke-dasharray="5 4" rx="6"/></svg>`;
    return [{ input: Buffer.from(box), left, top }];
  }
  const out: OverlayOptions[] = [];
  for (const [i, item] of list.slice(0, 2).entries()) out.push({ input: await thumbnail(item, thumbs.get(item.key)), left: left + i * (THUMB_W + 6), top });
  const first = list[0] as CalendarItem;
  const more = list.length > 2 ? ` · +${list.length - 2}` : '';
  const color = first.state === 'published' ? '#8a8a8a' : '#222222';
  // Cut to what a column holds: a second line that wraps would peek in under the first.
  out.push(await label(shorten(`${first.time} · ${first.board}${more}`, LINE_CHARS), 11, 'regular', color, COL_W - 4, left, top + THUMB_H + 4));
  out.push(await label(shorten(first.title, LINE_CHARS - 3), 11, 'bold', color, COL_W - 4, left, top + THUMB_H + 20));
  return out;
}

/** A pin's thumbnail, 2:3: greyed when it went out already, framed in red when highlighted; a grey card when there is no preview. */
async function thumbnail(item: CalendarItem, source: Buffer | undefined): Promise<Buffer> {
  let img = source ? sharp(source).resize(THUMB_W, THUMB_H, { fit: 'cover' }) : sharp({ create: { width: THUMB_W, height: THUMB_H, channels: 3, background: '#cfcfcf' } });
  if (item.state === 'published') img = img.grayscale().linear(0.55, 110);
  const frame = item.highlight
    ? `<svg xmlns="http://www.w3.org/2000/svg" width="${THUMB_W}" height="${THUMB_H}"><rect x="2" y="2" width="${THUMB_W - 4}" height="${THUMB_H - 4}" fill="none" stroke="${RED}" stroke-width="4"/></svg>`
    : `<svg xmlns="http://www.w3.org/2000/svg" width="${THUMB_W}" height="${THUMB_H}"><rect x="0.5" y="0.5" width="${THUMB_W - 1}" height="${THUMB_H - 1}" fill="none" stroke="#9e9e9e"/></svg>`;
  const base = await img.removeAlpha().png().toBuffer();
  return sharp(base)
    .composite([{ input: Buffer.from(frame) }])
    .png()
    .toBuffer();
}

async function label(s: string, size: number, weight: 'regular' | 'bold', color: string, width: number, left: number, top: number): Promise<OverlayOptions> {
  const block = await text({ kind: 'text', text: s || ' ', x: 0, y: 0, width, size, weight, color, align: 'left', maxLines: 1 });
  return { input: block.input, raw: block.raw, left, top };
}
