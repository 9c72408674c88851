import { createHmac, randomUUID } from 'node:crypto';
import type { NotifyEndpoint } from '../settings/notify.js';
import { redactJson } from '../util/redact.js';
import type { NotifyEvent } from './events.js';

/** What is POSTed to one endpoint for one event: the body, and its headers (a signature among them). */
export interface Delivery {
  body: string;
  headers: Record<string, string>;
}

/** The header carrying `sha256=<hex HMAC-SHA256 of the body>`, keyed by the endpoint's secret. */
export const SIGNATURE_HEADER = 'x-pinops-signature-256';

/**
 * The body for the endpoint's format, redacted as every text pinops writes is: an error that
 * echoed a credential does not carry it into a chat. `secret` signs a JSON body.
 */
export function delivery(event: NotifyEvent, endpoint: Pick<NotifyEndpoint, 'format'>, secret: string | undefined): Delivery {
  const body = endpoint.format === 'slack' ? JSON.stringify({ text: slackText(event) }, redactJson) : JSON.stringify(event, redactJson);
  // One id per delivery, the same on every retry: a receiver can drop a repeat.
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-pinops-event': event.event, 'x-pinops-delivery': randomUUID() };
  if (secret) headers[SIGNATURE_HEADER] = signature(body, secret);
  return { body, headers };
}

/** `sha256=<hex>`: what a receiver computes over the raw body with the shared key, and compares in constant time. */
export function signature(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Slack's mrkdwn wants &, < and > escaped; links are `<url|text>`. */
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A URL inside Slack's `<url|text>`: its `|`, `<` and `>` percent-encoded, so the link stays one. */
const slackUrl = (url: string) => url.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');

/** A Slack message: the event's line, then a line per pin (a link to a published one; the error and fix of a failed one). */
export function slackText(e: NotifyEvent): string {
  const head = `*pinops*${e.repository ? ` (${esc(e.repository)})` : ''}: ${esc(e.text)}`;
  const pins = (e.pins ?? []).slice(0, 20).map((p) => {
    const name = esc(p.title ?? p.key);
    if (p.url) return `• <${slackUrl(p.url)}|${name}>`;
    return `• ${name} (\`${esc(p.key)}\`): ${esc(p.error ?? '')}${p.fix ? ` — ${esc(p.fix)}` : ''}`;
  });
  const more = (e.pins?.length ?? 0) > 20 ? [`… and ${(e.pins?.length ?? 0) - 20} more`] : [];
  const top = (e.week?.top ?? []).map((t) => `• ${t.url ? `<${slackUrl(t.url)}|${esc(t.title)}>` : esc(t.title)}: ${t.outbound_clicks} outbound clicks`);
  return [head, ...pins, ...more, ...top].join('\n');
}
