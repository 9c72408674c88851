import { z } from 'zod';

/** What a notification can be about. */
export const NOTIFY_EVENTS = ['published', 'failed', 'halted', 'token-expiring', 'analytics'] as const;
export type NotifyEventType = (typeof NOTIFY_EVENTS)[number];

/** An environment variable's name: webhook URLs and signing keys are secrets, so pinops.yml names them, never holds them. */
const envName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name such as SLACK_WEBHOOK_URL');

const Endpoint = z
  .strictObject({
    url: z
      .url({ protocol: /^https?$/ })
      .optional()
      .meta({ description: 'The webhook URL, when it is no secret (otherwise `url_env`).' }),
    url_env: envName.optional().meta({ description: "The environment variable holding the webhook URL (a Slack incoming webhook's URL is a secret)." }),
    format: z
      .enum(['json', 'slack'])
      .default('json')
      .meta({ description: "`json`: pinops' own body, signed with HMAC-SHA256 when `secret_env` is set; `slack`: a Slack-compatible incoming-webhook message." }),
    secret_env: envName
      .optional()
      .meta({ description: 'The environment variable holding the key that signs each JSON body (header X-Pinops-Signature-256: sha256=<hex HMAC of the body>).' }),
    events: z
      .array(z.enum(NOTIFY_EVENTS))
      .min(1)
      .default([...NOTIFY_EVENTS])
      .meta({ description: 'Which events are sent: published, failed, halted, token-expiring, analytics (weekly). Default: all.' }),
  })
  .refine((e) => (e.url === undefined) !== (e.url_env === undefined), 'give exactly one of `url` and `url_env`')
  .refine((e) => e.format === 'json' || e.secret_env === undefined, '`secret_env` signs JSON bodies; a Slack webhook is not signed (its URL is its secret)');

export type NotifyEndpoint = z.infer<typeof Endpoint>;

export const NotifySchema = z.array(Endpoint).default([]).meta({
  description:
    'Webhooks told what a run did: published pins (with links), failures, a halted run, an expiring token, a weekly analytics summary. A failing webhook never fails a run.',
});
