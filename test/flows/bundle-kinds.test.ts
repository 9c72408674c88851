import { describe, expect, it } from 'vitest';
import { loadBundle, type PreviewBundle, saveBundle } from '../../src/flows/preview-bundle.js';
import { ACTION_KINDS, type Plan } from '../../src/plan/plan.js';
import { RULE_STATUSES, type RuleAction } from '../../src/plan/rules.js';
import { tempRepos } from '../helpers/repo.js';

const dirs = tempRepos();

describe("a fork's previews artifact", () => {
  it('carries a plan with every kind of action and every rule status (a live intent, a held pin, a refused edit)', async () => {
    const plan: Plan = {
      now: new Date('2026-12-01T10:00:00Z'),
      actions: ACTION_KINDS.map((kind, i) => ({ key: `pin-${i}`, kind, reason: `because ${kind}` })),
      removed: [],
      rules: RULE_STATUSES.map((status, i) => ({ key: `pin-${i}`, rule: 'interval', kind: 'save', board: 'Gifts', status, reason: `because ${status}` }) as RuleAction),
      notes: [],
    };
    const bundle: PreviewBundle = { headSha: 'a'.repeat(40), pins: [], plan, images: new Map() };
    const dir = await dirs({});
    await saveBundle(bundle, dir);
    const back = await loadBundle(dir);
    expect(back.plan?.actions.map((a) => a.kind)).toEqual([...ACTION_KINDS]);
    expect(back.plan?.rules.map((r) => r.status)).toEqual([...RULE_STATUSES]);
  });
});
