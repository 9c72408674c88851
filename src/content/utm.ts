import type { PinFields } from './schema.js';

type Utm = Exclude<PinFields['utm'], undefined>;

/**
 * Adds UTM parameters to a pin's link: the defaults from pinops.yml, overridden by the pin's own
 * `utm`, with `utm_campaign` defaulting to the pin id. A parameter the link already has is kept;
 * `false` (in the pin or the defaults) leaves the link as written, and so does a link that is not a URL.
 */
export function tagLink(link: string, key: string, pinUtm: Utm | undefined, defaults: Utm): string {
  const params = utmParams(key, pinUtm, defaults);
  // A link that is not a URL is validation's to report (invalid-link); tagging never throws on it.
  if (!params || !URL.canParse(link)) return link;
  const url = new URL(link);
  const query = new URLSearchParams(url.search);
  for (const [name, value] of params) if (!query.has(name)) query.append(name, value);
  url.search = query.toString();
  return url.href;
}

/** The parameters to add, or `undefined` when tagging is off. */
function utmParams(key: string, pinUtm: Utm | undefined, defaults: Utm): [string, string][] | undefined {
  if (pinUtm === false || (defaults === false && pinUtm === undefined)) return undefined;
  const params: Record<string, string | undefined> = { ...(defaults === false ? {} : defaults), ...(pinUtm ?? {}) };
  params.utm_campaign ??= key.replace(/[/#]/g, '-');
  return Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined);
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
