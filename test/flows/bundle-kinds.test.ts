import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { loadBundle, type PreviewBundle, saveBundle } from '../../src/flows/preview-bundle.js';
import { ACTION_KINDS, type Plan } from '../../src/plan/plan.js';
import { RULE_STATUSES, type RuleAction } from '../../src/plan/rules.js';
import { tempRepos } from '../helpers/repo.js';

const dirs = tempRepos();

describe("a fork's previews artifact", () => {
  it("carries a plan with every kind of action and every rule status (a live intent, a held pin, a refused edit), and queued pins' slots", async () => {
    const plan: Plan = {
      now: new Date('2026-12-01T10:00:00Z'),
      actions: ACTION_KINDS.map((kind, i) => ({ key: `pin-${i}`, kind, reason: `because ${kind}`, ...(kind === 'create' ? { slot: new Date('2026-12-01T08:00:00Z') } : {}) })),
      removed: [],
      rules: RULE_STATUSES.map((status, i) => ({ key: `pin-${i}`, rule: 'interval', kind: 'save', board: 'Gifts', status, reason: `because ${status}` }) as RuleAction),
      notes: [],
    };
    const bundle: PreviewBundle = { headSha: 'a'.repeat(40), pins: [], plan, images: new Map() };
    const dir = await dirs({});
    await saveBundle(bundle, dir);
    const back = await loadBundle(dir);
    expect(back.plan?.actions.map((a) => a.kind)).toEqual([...ACTION_KINDS]);
    // A queued pin's slot too.
    expect(back.plan?.actions.flatMap((a) => (a.slot ? [[a.kind, a.slot.toISOString()]] : []))).toEqual([['create', '2026-12-01T08:00:00.000Z']]);
    expect(back.plan?.rules.map((r) => r.status)).toEqual([...RULE_STATUSES]);
  });

  it('carries the calendar after the merge: a PNG is posted as its pixels, anything else is left out and the rest still loads', async () => {
    const png = await sharp({ create: { width: 300, height: 200, channels: 3, background: '#eeeeee' } })
      .png()
      .toBuffer();
    const moved = [{ key: 'b', from: '2026-12-01T08:00:00.000Z', to: '2026-12-01T19:00:00.000Z' }];
    const bundle: PreviewBundle = { headSha: 'a'.repeat(40), pins: [], images: new Map([['calendar.png', png]]), calendar: { image: 'calendar.png', moved } };
    const dir = await dirs({});
    await saveBundle(bundle, dir);
    const back = await loadBundle(dir);
    expect(back.calendar).toEqual({ image: 'calendar.png', moved });
    expect((await sharp(back.images.get('calendar.png') as Buffer).metadata()).format).toBe('png');
    // A JPEG (or anything) under the calendar's name is not posted.
    await writeFile(
      join(dir, 'calendar.png'),
      await sharp({ create: { width: 300, height: 200, channels: 3, background: '#000' } })
        .jpeg()
        .toBuffer(),
    );
    const forged = await loadBundle(dir);
    expect(forged.calendar).toBeUndefined();
    expect(forged.images.has('calendar.png')).toBe(false);
    expect(forged.headSha).toBe('a'.repeat(40));
  });
});
