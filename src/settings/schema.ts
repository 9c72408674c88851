import { z } from 'zod';
import { UtmSchema } from '../content/schema.js';
import { LINT_CODES } from '../diagnostics/codes.js';
import { slotsOutsideWindows } from '../plan/slots.js';
import { suggestion } from '../util/did-you-mean.js';
import { durationMs } from '../util/duration.js';
import { branchNameProblem } from '../util/ref-name.js';
import { NotifySchema } from './notify.js';

const color = z.string().regex(/^#([0-9A-Fa-f]{3}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{8})$/, 'a hex colour such as #1a1a1a');
/** A branch pinops writes: a valid git branch name (`git check-ref-format --branch`). */
const branch = z
  .string()
  .min(1)
  .superRefine((name, ctx) => {
    const problem = branchNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', message: `"${name}" is not a git branch name: it ${problem}`, input: name });
  });
const duration = z.string().regex(/^(\d+[wdhm])+$/, 'a duration such as 30m, 48h, 7d or 1d12h');

/** True when `tz` is an IANA time zone this runtime knows. */
export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const textBlock = z.strictObject({
  field: z.string().min(1).meta({ description: "What to print: `title`, `description`, `board`, `domain`, or a key of the pin's `fields:` (e.g. `price`)." }),
  x: z.number().int().min(0).meta({ description: 'Left edge, in pixels.' }),
  y: z.number().int().min(0).meta({ description: 'Top edge, in pixels.' }),
  width: z.number().int().min(1).meta({ description: 'Wrapping width, in pixels.' }),
  size: z.number().min(4).max(400).default(48).meta({ description: 'Font size, in pixels.' }),
  font: z.string().min(1).optional().meta({ description: 'Font: `Inter` (bundled with pinops; the default).' }),
  weight: z.enum(['regular', 'bold']).default('regular'),
  color: color.default('#111111'),
  align: z.enum(['left', 'center', 'right']).default('left'),
  max_lines: z
    .number()
    .int()
    .min(1)
    .max(20)
    .default(3)
    .meta({ description: 'Lines at most; longer text is cut after its last word that fits, ending with an ellipsis (the preview shows it).' }),
});

/** A creative template: renders a pin image from a photo and the pin's text. */
export const TemplateSchema = z.strictObject({
  width: z.number().int().min(200).max(4000).default(1000).meta({ description: 'Canvas width in pixels.' }),
  height: z.number().int().min(200).max(6000).default(1500).meta({ description: 'Canvas height in pixels.' }),
  background: z
    .strictObject({
      color: color.default('#ffffff'),
      focus: z
        .union([z.enum(['attention', 'entropy', 'center', 'top', 'bottom', 'left', 'right']), z.strictObject({ x: z.number().min(0).max(1), y: z.number().min(0).max(1) })])
        .default('attention')
        .meta({ description: 'How the pin image is cropped to fill the canvas: a strategy or a focal point (0–1).' }),
    })
    .default({ color: '#ffffff', focus: 'attention' }),
  bands: z
    .array(
      z.strictObject({
        y: z.number().int().min(0),
        height: z.number().int().min(1),
        color: color,
        to: color.optional().meta({ description: 'Gradient end colour (top to bottom).' }),
        opacity: z.number().min(0).max(1).default(1),
      }),
    )
    .default([])
    .meta({ description: 'Colour bands and gradients drawn over the image.' }),
  texts: z.array(textBlock).default([]).meta({ description: 'Text blocks.' }),
  logo: z
    .strictObject({ path: z.string().min(1), x: z.number().int().min(0), y: z.number().int().min(0), width: z.number().int().min(1) })
    .optional()
    .meta({ description: 'A logo image (repository path relative to pinops.yml).' }),
});

const boardTarget = z.union([z.string().min(1), z.strictObject({ board: z.union([z.string().min(1), z.number().int()]), section: z.string().min(1).optional() })]);

/** Save a pin to more boards once its figures pass a threshold (the API's save endpoint). */
const SaveRule = z.strictObject({
  name: z.string().min(1).meta({ description: 'A name for the rule, shown in the plan and the ledger log.' }),
  when: z
    .strictObject({
      impressions: z.number().int().min(1).optional(),
      saves: z.number().int().min(1).optional(),
      pin_clicks: z.number().int().min(1).optional(),
      outbound_clicks: z.number().int().min(1).optional(),
      within: duration.default('30d').meta({ description: 'The figures are summed over this many days before today.' }),
    })
    .refine((w) => w.impressions ?? w.saves ?? w.pin_clicks ?? w.outbound_clicks, 'name at least one of impressions, saves, pin_clicks, outbound_clicks')
    .meta({ description: 'Thresholds, all of which must be reached, e.g. `{ saves: 20, within: 30d }`.' }),
  save_to: z.array(boardTarget).min(1).meta({ description: 'Boards (names from boards.yml or ids, with an optional section) to save the pin to.' }),
  only: z.string().min(1).optional().meta({ description: 'Only pins whose file matches this glob.' }),
});

/** Publish a pin again, with a fresh creative, some time after it was last published. */
const EvergreenRule = z.strictObject({
  name: z.string().min(1).meta({ description: 'A name for the rule, shown in the plan and the ledger log.' }),
  republish_after: duration.meta({ description: 'Time since the pin was last published, e.g. `120d`.' }),
  templates: z.array(z.string().min(1)).min(1).meta({ description: 'Creative templates for the fresh creatives, used in turn (the pin needs an image).' }),
  only: z.string().min(1).optional().meta({ description: 'Only pins whose file matches this glob.' }),
});

export const RuleSchema = z.union([SaveRule, EvergreenRule]);
export type Rule = z.infer<typeof RuleSchema>;
export type SaveRuleT = z.infer<typeof SaveRule>;
export type EvergreenRuleT = z.infer<typeof EvergreenRule>;

const slotDays = z.string().regex(/^(daily|(mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))?)$/, 'days such as "mon-fri", "sat" or "daily"');
const slotTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time such as "09:00" or "13:30"');

const window = z
  .string()
  .regex(
    /^((mon|tue|wed|thu|fri|sat|sun)(-(mon|tue|wed|thu|fri|sat|sun))? )?([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d$/,
    'a window such as "09:00-21:00" or "mon-fri 08:00-18:00"',
  );

/** One rate-limit category's limits: they replace the documented value of the access level. */
const categoryLimit = z.strictObject({
  per_minute: z.number().int().min(1).optional().meta({ description: 'Requests a minute at most.' }),
  per_day: z
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: 'Requests a day at most (trial access). A run never waits for the next day: it stops there, and the next run carries on.' }),
});

/** Pinterest's rate limits, per category, for apps whose answers carry no rate-limit headers (Pinterest documents none). */
const RateLimitsSchema = z
  .strictObject({
    access: z.enum(['standard', 'trial']).default('standard').meta({
      description:
        "The app's access level, for Pinterest's documented limits: `standard` (org_write 100 a minute, org_read 1,000, org_analytics 60) or `trial` (also 300 writes and 1,000 analytics requests a day).",
    }),
    org_write: categoryLimit.optional().meta({ description: 'Creating, editing, saving and deleting pins, boards and sections.' }),
    org_read: categoryLimit.optional().meta({ description: 'Reading the account, boards, pins and their totals (pin_metrics).' }),
    org_analytics: categoryLimit.optional().meta({ description: "A pin's daily figures (GET /pins/{id}/analytics)." }),
  })
  .default({ access: 'standard' })
  .meta({
    description: 'The rate limits pinops keeps to while Pinterest sends no rate-limit headers (when it does, pinops follows them instead). Values here replace those of `access`.',
  });

/** How much of the analytics limit a run spends, and on which pins. */
const AnalyticsSchema = z
  .strictObject({
    daily_series_per_run: z.number().int().min(0).optional().meta({
      description:
        "Pins whose daily figures are read in one run at most (one org_analytics request each). Default 120 (two minutes at 60 a minute); with a daily cap on org_analytics, a 24th of it (hourly runs). Every pin's 90-day and lifetime totals are read on every run regardless.",
    }),
    recent_days: z
      .number()
      .int()
      .min(0)
      .max(90)
      .default(7)
      .meta({ description: 'Pins published within this many days have their daily figures read on every run; older pins take turns, the longest unread first.' }),
  })
  .default({ recent_days: 7 });

/** How loud an account-safety check is: `warning` (its default), `error` (the pin is not published), or `off`. */
const lintLevel = z.enum(['error', 'warning', 'off']);
export type LintLevel = z.infer<typeof lintLevel>;

const LintSchema = z
  .strictObject(Object.fromEntries(LINT_CODES.map((code) => [code, lintLevel.optional()])) as Record<(typeof LINT_CODES)[number], z.ZodOptional<typeof lintLevel>>)
  .default({})
  .meta({
    description:
      'The account-safety checks by code (`duplicate-title`, `link-shortener`, …): `warning` (the default), `error` (the pin is held back) or `off`, e.g. `{ link-shortener: error, vague-title: off }`.',
  });

/** pinops.yml. Every field has a default, so the file is optional. */
export const SettingsSchema = z
  .strictObject({
    api: z
      .union([z.enum(['production', 'sandbox']), z.url({ protocol: /^https?$/ })])
      .default('production')
      .meta({
        description:
          '`production`, `sandbox` (apps on trial access: no video pins, no analytics), or a base URL such as http://127.0.0.1:4010/v5. The environment variable PINTEREST_API_BASE wins.',
      }),
    timezone: z
      .string()
      .refine(isTimeZone, {
        error: (issue) => `an IANA time zone such as Europe/Berlin, not ${JSON.stringify(issue.input)}${suggestion(String(issue.input), Intl.supportedValuesOf('timeZone'))}`,
      })
      .optional()
      .meta({ description: 'Time zone for `publish_at` values without an offset, and for posting windows. Default UTC for windows.' }),
    schedule: z
      .strictObject({
        max_per_run: z.number().int().min(1).default(10).meta({ description: 'Pins created in one run at most.' }),
        max_per_day: z.number().int().min(1).default(25).meta({ description: 'Pins created per calendar day (in `timezone`) at most.' }),
        min_link_spacing: duration.default('24h').meta({
          description:
            'No two pins to the same destination URL closer than this (UTM parameters aside), e.g. `48h`; `0m` turns it off. Default 24h: Pinterest treats many pins to one URL in a short time as spam.',
        }),
        windows: z.array(window).default([]).meta({ description: 'Allowed posting hours, e.g. `["mon-fri 08:00-20:00"]`. Empty: any time.' }),
        jitter: duration.default('0m').meta({ description: 'Spread scheduled pins by up to this much (deterministic per pin).' }),
        slots: z.record(slotDays, z.array(slotTime).min(1)).default({}).meta({
          description:
            'Weekly posting times in `timezone`, e.g. `{mon-fri: ["09:00", "13:30"], sat: ["10:00"]}`: pins with `publish_at: next` take the next free one, in order of `priority`, then file path.',
        }),
        queue: z.boolean().default(false).meta({ description: 'Pins without `publish_at` are queued into `slots` too, as if they said `publish_at: next`.' }),
      })
      .superRefine(
        (s, ctx) => {
          const outside = slotsOutsideWindows(s.slots, s.windows);
          if (outside.length)
            ctx.addIssue({ code: 'custom', path: ['slots'], message: `no posting window allows the slot(s) ${outside.join(', ')}: move them into \`windows\`, or widen a window` });
          if (s.queue && Object.keys(s.slots).length === 0) ctx.addIssue({ code: 'custom', path: ['queue'], message: '`queue: true` needs `slots` to queue pins into' });
        },
        // Only over a schedule that parsed: zod would run it past a window or slot that failed its own
        // check (a bad one has its error; comparing it would crash, or say something false).
        { when: (payload) => payload.issues.length === 0 },
      )
      .default({ max_per_run: 10, max_per_day: 25, min_link_spacing: '24h', windows: [], jitter: '0m', slots: {}, queue: false }),
    defaults: z
      .strictObject({
        board: z
          .union([z.string().min(1), z.number().int()])
          .optional()
          .meta({ description: 'Board for pins that name none.' }),
        utm: UtmSchema.default({ utm_source: 'pinterest', utm_medium: 'social' }).meta({
          description: 'UTM parameters added to every link (`utm_campaign` defaults to the pin id), or `false`.',
        }),
        template: z.string().min(1).optional().meta({ description: 'Creative template for pins that name none.' }),
      })
      .default({ utm: { utm_source: 'pinterest', utm_medium: 'social' } }),
    templates: z
      .record(z.string().regex(/^[A-Za-z0-9_-]+$/), TemplateSchema)
      .default({})
      .meta({ description: 'Creative templates by name.' }),
    rules: z
      .array(RuleSchema)
      .default([])
      .meta({ description: 'Rules that act on analytics or on time: `save_to` more boards past a threshold, or `republish_after` with a fresh creative.' }),
    lint: LintSchema,
    prune: z.boolean().default(false).meta({ description: 'Delete from Pinterest the pins whose files were removed (otherwise only reported).' }),
    allow_recreate: z.boolean().default(false).meta({ description: 'Allow deleting and creating a pin again when its media changed (the API cannot edit media).' }),
    allow_private_network: z.boolean().default(false).meta({ description: 'Allow fetching from private, loopback and link-local addresses (simulators, test servers).' }),
    intent_lease: z
      .string()
      .regex(/^(\d+[wdhms])+$/, 'a duration such as 10m or 90s')
      .refine((v) => durationMs(v) >= 1000, 'at least 1s')
      .default('10m')
      .meta({
        description:
          "How long a run's intents (pins it is about to create) stay locked if the run stops renewing them: another run waits this long before looking into a crashed run's pins. A live run renews them.",
      }),
    rate_limits: RateLimitsSchema,
    analytics: AnalyticsSchema,
    notify: NotifySchema,
    ledger_branch: branch.default('pinops-ledger').meta({ description: 'Branch holding the ledger of published pins.' }),
    preview_branch: branch.default('pinops-previews').meta({ description: 'Branch holding preview images for pull requests.' }),
  })
  .meta({ title: 'pinops settings', description: 'pinops.yml: settings for pinops. Every field is optional.' });

/**
 * pinops.yml as loaded: the file's settings, plus `sandbox` when the file says `api: sandbox` and
 * PINTEREST_API_BASE points the run at another server (a simulator standing in for the sandbox):
 * what the sandbox cannot do still holds there.
 */
export type Settings = z.infer<typeof SettingsSchema> & { sandbox?: true };
export type Template = z.infer<typeof TemplateSchema>;
