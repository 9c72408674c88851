import type { PinFields } from './schema.js';

type Utm = Exclude<PinFields['utm'], undefined>;

/**
 * Adds UTM parameters to a pin's link: the defaults from pinops.yml, overridden by the pin's own
 * `utm`, with `utm_campaign` defaulting to the pin id. A parameter the link already has is kept;
 * `false` (in the pin or the defaults) leaves the link as written, and so does a link that is not a URL.
 */
export function tagLink(link: string, key: string, pinUtm: Utm | undefined, defaults: Utm): string {
  const params = utmParams(key, pinUtm, defaults);
  if (!params) return link;
  if (SIMPLE_LINK.test(link) && params.every(plainPair)) {
    // A plan tags every pin's link: the pairs the link lacks are written after its own, as text
    // (a simple link is its base, then its query after the one `?`). Indexed loops, no
    // destructuring: a plan runs this once per pin, much of it before the code is optimised.
    const mark = link.indexOf('?');
    const query = mark < 0 ? '' : link.slice(mark + 1);
    let added = '';
    for (let i = 0; i < params.length; i++) {
      const pair = params[i] as [string, string];
      if (!hasPair(query, pair[0])) added += `${added ? '&' : ''}${pair[0]}=${pair[1]}`;
    }
    return added ? `${link}${mark < 0 ? '?' : '&'}${added}` : link;
  }
  // A link that is not a URL is validation's to report (invalid-link); tagging never throws on it.
  if (!URL.canParse(link)) return link;
  const url = new URL(link);
  const query = new URLSearchParams(url.search);
  for (const [name, value] of params) if (!query.has(name)) query.append(name, value);
  url.search = query.toString();
  return url.href;
}

/** The parameters to add, or `undefined` when tagging is off. */
function utmParams(key: string, pinUtm: Utm | undefined, defaults: Utm): [string, string][] | undefined {
  if (pinUtm === false || (defaults === false && pinUtm === undefined)) return undefined;
  // Most pins have no `utm` of their own: the defaults' parameters are listed once, the pin's campaign added.
  if (pinUtm === undefined && defaults !== false && !Object.hasOwn(defaults, 'utm_campaign')) return defaultParams(defaults).concat([['utm_campaign', campaignOf(key)]]);
  const params: Record<string, string | undefined> = { ...(defaults === false ? {} : defaults), ...(pinUtm ?? {}) };
  params.utm_campaign ??= campaignOf(key);
  return Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
}

const campaignOf = (key: string) => (key.includes('/') || key.includes('#') ? key.replace(/[/#]/g, '-') : key);

/** The last defaults' parameters (one settings object serves a whole plan). */
let lastDefaults: { utm: Exclude<Utm, false>; params: readonly [string, string][] } | undefined;
function defaultParams(utm: Exclude<Utm, false>): readonly [string, string][] {
  if (lastDefaults?.utm !== utm) lastDefaults = { utm, params: Object.entries(utm).filter((e): e is [string, string] => e[1] !== undefined) };
  return lastDefaults.params;
}

/**
 * The most characters tagging can add to a link (each parameter as `&name=value`, a value
 * percent-encoded at worst 9 characters per character), so the 2048 limit can be checked without
 * building the tagged URL for the usual short link.
 */
export function utmLengthBound(key: string, pinUtm: Utm | undefined, defaults: Utm): number {
  const params = utmParams(key, pinUtm, defaults) ?? [];
  return params.reduce((n, [name, value]) => n + name.length + 2 + value.length * 9, 0);
}

/** A query name or value that URLSearchParams reads and writes as it is. */
const PLAIN_PARAM = /^[A-Za-z0-9*._-]*$/;
const plainPair = (p: readonly [string, string]) => PLAIN_PARAM.test(p[0]) && PLAIN_PARAM.test(p[1]);

/** Whether a query of plain pairs (`a=1&b=2`) has one named `name` (a plain name: no `&`, no `=`). */
function hasPair(query: string, name: string): boolean {
  // No pair of a simple link has an empty name (and an empty search would find one everywhere).
  if (!name) return false;
  for (let at = query.indexOf(name); at >= 0; at = query.indexOf(name, at + 1)) {
    if ((at === 0 || query.charCodeAt(at - 1) === 38) && query.charCodeAt(at + name.length) === 61) return true;
  }
  return false;
}

/**
 * A link the URL parser writes back as it is (lower-case http(s) scheme and host name, no port,
 * user or fragment, a path without `.` segments or escapes, a query of plain `name=value` pairs).
 * Its query can be read and written as text: a plan tags and compares every pin's link, and a URL
 * object for each cost a tenth of the plan.
 */
const SIMPLE_LINK =
  /^(https?:\/\/(?:(?!xn--)[a-z0-9-]+\.)+(?!xn--)[a-z][a-z0-9-]*(?:\/(?!\.\.?(?=\/|\?|$))[A-Za-z0-9._~-]*)+)(?:\?([A-Za-z0-9*._-]+=[A-Za-z0-9*._-]*(?:&[A-Za-z0-9*._-]+=[A-Za-z0-9*._-]*)*))?$/;

/** The link before its query, and the query's `name=value` pairs, for a link as SIMPLE_LINK describes; else `undefined`. */
export function simpleLink(link: string): { base: string; pairs: string[] } | undefined {
  const m = SIMPLE_LINK.exec(link);
  if (!m) return undefined;
  return { base: m[1] as string, pairs: m[2] ? m[2].split('&') : [] };
}

/** A simple link's base with these pairs as its query (none: no `?`, as the URL parser writes it). */
export function withQuery(base: string, pairs: readonly string[]): string {
  return pairs.length ? `${base}?${pairs.join('&')}` : base;
}
