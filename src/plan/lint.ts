import { lintLevel } from '../content/lint.js';
import { CODES, type LintCode } from '../diagnostics/codes.js';
import type { Ledger } from '../ledger/format.js';
import type { Settings } from '../settings/schema.js';
import { linkKey } from './budget.js';
import type { PlanAction } from './plan.js';

/** An account-safety warning on a planned action (a lint that needs the ledger), with its fix. */
export interface PlanWarning {
  code: LintCode;
  message: string;
  hint: string;
}

/**
 * The lints only the plan can make, since they need the ledger: a new pin with the same media and
 * link as a published one (or as another new pin of this plan), and an edit that points a live pin
 * somewhere else. At `error` the pin is held back as `invalid`; at `off` nothing is said.
 */
export class PlanLint {
  /** Published pins (then this plan's new ones) by media and destination. */
  private readonly byMediaAndLink = new Map<string, string>();

  constructor(
    ledger: Ledger,
    private readonly settings: Settings,
  ) {
    if (lintLevel(settings, 'same-media-and-link') === 'off') return;
    for (const [key, e] of Object.entries(ledger.pins)) if (e.state === 'published' && e.link) this.byMediaAndLink.set(mediaAndLink(e.media, e.link), key);
  }

  /** The action with its warnings, or made invalid by a lint set to `error`. */
  check(a: PlanAction): PlanAction {
    const found = [...this.copies(a), ...linkChanged(a)].filter((w) => lintLevel(this.settings, w.code) !== 'off');
    if (!found.length) return a;
    const error = found.find((w) => lintLevel(this.settings, w.code) === 'error');
    if (error) return { ...a, kind: 'invalid', reason: `${error.message} (${error.code}, an error by \`lint:\` in pinops.yml)` };
    return { ...a, warnings: found };
  }

  private copies(a: PlanAction): PlanWarning[] {
    const d = a.desired;
    if (a.kind !== 'create' || !d?.link || !d.mediaFingerprint) return [];
    const key = mediaAndLink(d.mediaFingerprint, d.link);
    const other = this.byMediaAndLink.get(key);
    if (other === undefined) {
      this.byMediaAndLink.set(key, d.key);
      return [];
    }
    return [warning('same-media-and-link', `the pin has the same media and link (${linkKey(d.link)}) as pin "${other}"`)];
  }
}

/** An edit that changes where a live pin leads (its destination: UTM parameters aside). */
function linkChanged(a: PlanAction): PlanWarning[] {
  if (a.kind !== 'update' || !a.pinId || a.entry?.state !== 'published') return [];
  const link = a.diff?.find((f) => f.field === 'link');
  if (!link?.from || !link.to || linkKey(link.from) === linkKey(link.to)) return [];
  return [warning('link-changed', `the edit sends live pin ${a.pinId} to ${linkKey(link.to)} instead of ${linkKey(link.from)}`)];
}

function warning(code: LintCode, message: string): PlanWarning {
  return { code, message, hint: CODES[code].fix };
}

const mediaAndLink = (media: string, link: string) => `${media}\n${linkKey(link)}`;
