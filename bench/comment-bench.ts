import { previewComments } from '../src/flows/preview-comment.js';
import { bigPull, context } from '../test/helpers/big-pull.js';

export const COMMENT_PINS = 200;
const RUNS = 7;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/**
 * Render the preview comment of a pull request of 200 pins (40 drawn, titles at the 100-character
 * limit full of markup, problems, drafts, updates with old → new values, scheduled times), and of
 * 1,000 pins with every text at its limit: in-process, median of 7 after one warm-up. The
 * figures are the time to render, and each comment's size against GitHub's 65,536 characters.
 */
export function commentBench(): { ms: number; bigMs: number; previews: number; plan: number; bigPreviews: number; bigPlan: number } {
  const bundle = bigPull(COMMENT_PINS);
  const big = bigPull(1000, { long: true });
  const ctx = context();
  const sizes = { previews: 0, plan: 0, bigPreviews: 0, bigPlan: 0 };
  const times: number[] = [];
  const bigTimes: number[] = [];
  for (let r = 0; r <= RUNS; r++) {
    let t = performance.now();
    const c = previewComments(bundle, ctx);
    const ms = performance.now() - t;
    t = performance.now();
    const b = previewComments(big, ctx);
    const bigMs = performance.now() - t;
    if (r === 0) continue;
    times.push(ms);
    bigTimes.push(bigMs);
    Object.assign(sizes, { previews: c.previews.length, plan: c.plan?.length ?? 0, bigPreviews: b.previews.length, bigPlan: b.plan?.length ?? 0 });
  }
  return { ms: median(times), bigMs: median(bigTimes), ...sizes };
}

// `npx tsx bench/comment-bench.ts`: this figure alone.
if (import.meta.url === `file://${process.argv[1]}`) console.log(commentBench());
