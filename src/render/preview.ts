import type { DesiredPin, MediaSource } from '../plan/desired.js';
import { type CreativeLayout, creativeLayout } from './layout.js';

/** The card's size: a 2:3 image (720×1080) over a text panel, as a pin shows on Pinterest. */
export const CARD = { width: 720, image: 1080, panel: 300 } as const;

/** What a preview card shows; pure data, drawn by the sharp adapter. */
export interface PreviewCard {
  /** The picture: a creative to render, or a repository image (URL images are not fetched here). */
  picture: { creative: CreativeLayout } | { path: string } | { url: string } | { missing: string };
  badge?: 'video' | { slides: number };
  title: string;
  excerpt: string;
  footer: string;
}

/** Shortens text at a word boundary, with an ellipsis. */
export function excerpt(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function firstImage(src: MediaSource | undefined): PreviewCard['picture'] {
  if (!src) return { missing: 'no image' };
  return 'url' in src ? { url: src.url } : { path: src.path };
}

/** A desired pin → its preview card. */
export function previewCard(d: DesiredPin): PreviewCard {
  const m = d.media;
  let picture: PreviewCard['picture'] = { missing: 'no media' };
  let badge: PreviewCard['badge'];
  if (m?.kind === 'template') {
    picture = {
      creative: creativeLayout(
        {
          title: d.title,
          description: d.description,
          board: d.board,
          ...(d.link ? { link: d.link } : {}),
          fields: m.fields,
          ...(m.image && 'path' in m.image ? { image: m.image.path } : {}),
        },
        m.spec,
      ),
    };
  } else if (m?.kind === 'image') picture = firstImage(m.image);
  else if (m?.kind === 'carousel') {
    picture = firstImage(m.images[0]);
    badge = { slides: m.images.length };
  } else if (m?.kind === 'video') {
    // A frame as the cover is Pinterest's to cut from the video: the preview names it instead.
    picture = m.cover ? firstImage(m.cover) : { missing: `cover: the video's frame at ${m.coverTime ?? 0} s` };
    badge = 'video';
  }
  let domain = '';
  try {
    domain = d.link ? new URL(d.link).hostname.replace(/^www\./, '') : '';
  } catch {
    domain = '';
  }
  return { picture, ...(badge ? { badge } : {}), title: d.title, excerpt: excerpt(d.description, 160), footer: [domain, d.board].filter(Boolean).join(' · ') };
}
