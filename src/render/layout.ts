import type { Template } from '../settings/schema.js';

/** What a creative shows, from the pin: its text fields and its photo. */
export interface CreativeInput {
  title: string;
  description: string;
  link?: string;
  board: string;
  fields: Record<string, string | number>;
  /** The photo, a repository path (resolved by the adapter). */
  image?: string;
}

export type Focus = Template['background']['focus'];

/** One thing to draw, in order, on the canvas. */
export type Layer =
  | { kind: 'photo'; path: string; focus: Focus }
  | { kind: 'band'; y: number; height: number; color: string; to?: string; opacity: number }
  | {
      kind: 'text';
      text: string;
      x: number;
      y: number;
      width: number;
      size: number;
      font?: string;
      weight: 'regular' | 'bold';
      color: string;
      align: 'left' | 'center' | 'right';
      maxLines: number;
    }
  | { kind: 'logo'; path: string; x: number; y: number; width: number };

/** A creative as layers: pure data, so the same pin and template always give the same picture. */
export interface CreativeLayout {
  width: number;
  height: number;
  background: string;
  layers: Layer[];
}

/** The text a template's `field` stands for: title, description, board, domain, or a `fields:` key. */
export function fieldText(input: CreativeInput, field: string): string | undefined {
  switch (field) {
    case 'title':
      return input.title;
    case 'description':
      return input.description || undefined;
    case 'board':
      return input.board;
    case 'domain':
      try {
        return input.link ? new URL(input.link).hostname.replace(/^www\./, '') : undefined;
      } catch {
        return undefined;
      }
    default: {
      const v = input.fields[field];
      return v === undefined ? undefined : String(v);
    }
  }
}

/** The fields `template` prints that `input` cannot fill: they would be left out of the creative. */
export function missingFields(input: CreativeInput, template: Template): string[] {
  return template.texts.map((t) => t.field).filter((field) => !fieldText(input, field)?.trim());
}

/** Pin + template → layers. Missing fields are left out (validation has reported them). */
export function creativeLayout(input: CreativeInput, template: Template): CreativeLayout {
  const layers: Layer[] = [];
  if (input.image) layers.push({ kind: 'photo', path: input.image, focus: template.background.focus });
  for (const b of template.bands) layers.push({ kind: 'band', y: b.y, height: b.height, color: b.color, ...(b.to ? { to: b.to } : {}), opacity: b.opacity });
  for (const t of template.texts) {
    const text = fieldText(input, t.field);
    if (text === undefined || text.trim() === '') continue;
    layers.push({
      kind: 'text',
      text,
      x: t.x,
      y: t.y,
      width: t.width,
      size: t.size,
      ...(t.font ? { font: t.font } : {}),
      weight: t.weight,
      color: t.color,
      align: t.align,
      maxLines: t.max_lines,
    });
  }
  if (template.logo) layers.push({ kind: 'logo', path: template.logo.path, x: template.logo.x, y: template.logo.y, width: template.logo.width });
  return { width: template.width, height: template.height, background: template.background.color, layers };
}
