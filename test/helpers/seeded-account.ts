import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SeedAccount, SeedPin } from '../../src/pinterest/simulator.js';
import { PROJECT } from './repo.js';

/**
 * An account as a brand has it before pinops: three boards (one with a section), and `count` pins
 * made on Pinterest, oldest first: a carousel, a video, and images, spread over the boards.
 */
export async function seededAccount(count: number): Promise<SeedAccount> {
  // 600×900 (content/media/boots.jpg): every pin shows it.
  const bytes = await readFile(join(PROJECT, 'content/media/boots.jpg'));
  const boards = ['Winter Looks', 'Cozy Home', 'Summer Days'];
  const pins: SeedPin[] = Array.from({ length: count }, (_, i) => ({
    board: boards[i % 3] as string,
    ...(i % 3 === 0 && i % 2 === 0 ? { section: 'Boots' } : {}),
    title: `Account pin number ${i + 1}`,
    description: `What pin ${i + 1} shows, in words of its own: *wool*, #winter & more.`,
    link: `https://shop.example.com/products/${i + 1}`,
    alt_text: `Picture of pin ${i + 1}`,
    kind: i === 0 ? 'carousel' : i === 1 ? 'video' : 'image',
  }));
  return {
    boards: [
      { name: 'Winter Looks', sections: ['Boots'] },
      { name: 'Cozy Home', description: 'Warm rooms' },
      { name: 'Summer Days', privacy: 'PROTECTED' },
    ],
    pins,
    image: { bytes, type: 'image/jpeg', width: 600, height: 900 },
  };
}
