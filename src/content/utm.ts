import type { PinFields } from './schema.js';

type Utm = Exclude<PinFields['utm'], undefined>;

/**
 * Adds UTM parameters to a pin's link: the defaults from pinops.yml, overridden by the pin's own
 * `utm`, with `utm_campaign` defaulting to the pin id. A parameter the link already has is kept;
 * `false` (in the pin or the defaults) leaves the link as written.
 */
export function tagLink(link: string, key: string, pinUtm: Utm | undefined, defaults: Utm): string {
  if (pinUtm === false || (defaults === false && pinUtm === undefined)) return link;
  const params: Record<string, string | undefined> = { ...(defaults === false ? {} : defaults), ...(pinUtm ?? {}) };
  params.utm_campaign ??= key.replace(/[/#]/g, '-');
  const url = new URL(link);
  for (const [name, value] of Object.entries(params)) if (value !== undefined && !url.searchParams.has(name)) url.searchParams.append(name, value);
  return url.href;
}
