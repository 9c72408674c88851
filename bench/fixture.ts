import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';

export const PIN_COUNT = 10_000;
const IMAGES = 200;

/**
 * A repository of 10,000 pins: 6,000 markdown files, 2,000 single-pin YAML files and 200 YAML
 * files of 10 pins each, over 200 real JPEGs (pins share images, as catalogues do).
 * Made once into bench/.work/ and reused.
 */
export async function ensureFixture(dir: string): Promise<string> {
  const root = join(dir, 'repo-10k');
  if (existsSync(join(root, '.complete'))) return root;
  await mkdir(join(root, 'content/media'), { recursive: true });
  await mkdir(join(root, 'content/pins/md'), { recursive: true });
  await mkdir(join(root, 'content/pins/yml'), { recursive: true });
  await mkdir(join(root, 'content/pins/lists'), { recursive: true });
  const boards = Array.from({ length: 20 }, (_, i) => `Board ${i}`);
  await writeFile(join(root, 'content/boards.yml'), `boards:\n${boards.map((b) => `  - name: ${b}\n    sections: [Alpha, Beta]\n`).join('')}`);
  for (let i = 0; i < IMAGES; i++) {
    const hue = (i * 37) % 360;
    await sharp({ create: { width: 200, height: 300, channels: 3, background: `hsl(${hue}, 60%, 50%)` } })
      .jpeg({ quality: 70 })
      .toFile(join(root, 'content/media', `img-${i}.jpg`));
  }
  const body = (i: number) => `Pin number ${i}: a **warm** wool piece, knitted to last. [See more](https://shop.example.com/p/${i}).\n\n- soft\n- warm\n`;
  const fields = (i: number, depth: string) =>
    [
      `title: Product ${i} — a title of reasonable length`,
      `board: Board ${i % 20}`,
      i % 3 === 0 ? 'section: Alpha' : undefined,
      `link: https://shop.example.com/p/${i}?ref=pin`,
      `image: ${depth}media/img-${i % IMAGES}.jpg`,
      `alt_text: Photo of product ${i}`,
      i % 5 === 0 ? `publish_at: 2026-12-${String((i % 28) + 1).padStart(2, '0')}T09:00:00+01:00` : undefined,
    ].filter(Boolean) as string[];
  const writes: Promise<void>[] = [];
  let n = 0;
  for (let i = 0; i < 6000; i++, n++) writes.push(writeFile(join(root, `content/pins/md/pin-${n}.md`), `---\nid: pin-${n}\n${fields(n, '../../').join('\n')}\n---\n${body(n)}`));
  for (let i = 0; i < 2000; i++, n++) {
    writes.push(writeFile(join(root, `content/pins/yml/pin-${n}.yml`), `id: pin-${n}\n${fields(n, '../../').join('\n')}\ndescription: |\n  ${body(n).replace(/\n/g, '\n  ')}\n`));
  }
  for (let f = 0; f < 200; f++) {
    const items: string[] = [];
    for (let k = 0; k < 10; k++, n++)
      items.push(
        `  - id: pin-${n}\n${fields(n, '../../')
          .map((l) => `    ${l}`)
          .join('\n')}\n    description: Pin ${n}, from a list.`,
      );
    writes.push(writeFile(join(root, `content/pins/lists/list-${f}.yml`), `pins:\n${items.join('\n')}\n`));
  }
  await Promise.all(writes);
  await writeFile(join(root, '.complete'), String(n));
  return root;
}
