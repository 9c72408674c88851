import { lintLevel } from '../content/lint.js';
import { CODES, type LintCode } from '../diagnostics/codes.js';
import type { Ledger, LedgerEntry } from '../ledger/format.js';
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
  /**
   * Published pins by media, in ledger order: their links' keys (a URL parse each) are worked out
   * when a new pin has that media. Gathered at the first new pin: most plans have none.
   */
  private publishedByMedia: Map<string, { key: string; link: string }[]> | undefined;
  /** …then kept by destination, the last published pin of each. */
  private readonly destinations = new Map<string, Map<string, string>>();
  /** This plan's new pins by media and destination, for those no published pin has. */
  private readonly planned = new Map<string, string>();

  constructor(
    private readonly ledger: Ledger,
    private readonly settings: Settings,
  ) {}

  private published(): Map<string, { key: string; link: string }[]> {
    if (this.publishedByMedia) return this.publishedByMedia;
    const out = new Map<string, { key: string; link: string }[]>();
    for (const key of Object.keys(this.ledger.pins)) {
      const e = this.ledger.pins[key] as LedgerEntry;
      if (e.state !== 'published' || !e.link) continue;
      const list = out.get(e.media);
      if (list) list.push({ key, link: e.link });
      else out.set(e.media, [{ key, link: e.link }]);
    }
    this.publishedByMedia = out;
    return out;
  }

  /** The action with its warnings, or made invalid by a lint set to `error`. */
  check(a: PlanAction): PlanAction {
    // Only a new pin or an edit can be warned of: the other nine in ten are not looked at.
    if (a.kind !== 'create' && a.kind !== 'update') return a;
    const found = [...this.copies(a), ...linkChanged(a)].filter((w) => lintLevel(this.settings, w.code) !== 'off');
    if (!found.length) return a;
    const error = found.find((w) => lintLevel(this.settings, w.code) === 'error');
    if (error) return { ...a, kind: 'invalid', reason: `${error.message} (${error.code}, an error by \`lint:\` in pinops.yml)` };
    return { ...a, warnings: found };
  }

  private copies(a: PlanAction): PlanWarning[] {
    const d = a.desired;
    if (a.kind !== 'create' || !d?.link || !d.mediaFingerprint || lintLevel(this.settings, 'same-media-and-link') === 'off') return [];
    const destination = linkKey(d.link);
    const key = `${d.mediaFingerprint}\n${destination}`;
    // A published pin of that media and destination, else an earlier new pin of this plan.
    const other = this.publishedTo(d.mediaFingerprint).get(destination) ?? this.planned.get(key);
    if (other === undefined) {
      this.planned.set(key, d.key);
      return [];
    }
    return [warning('same-media-and-link', `the pin has the same media and link (${destination}) as pin "${other}"`)];
  }

  /** The published pins of `media` by destination (the last in ledger order of each). */
  private publishedTo(media: string): Map<string, string> {
    let byDestination = this.destinations.get(media);
    if (!byDestination) {
      byDestination = new Map((this.published().get(media) ?? []).map((p) => [linkKey(p.link), p.key]));
      this.destinations.set(media, byDestination);
    }
    return byDestination;
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
