import * as core from '@actions/core';
import { z } from 'zod';
import { registerSecret } from '../util/redact.js';
import { EXIT, UserError } from '../util/user-error.js';

/** '' means "not given" for every action input (the runner passes unset inputs as ''). */
const optional = (s: string) => (s.trim() === '' ? undefined : s.trim());

const InputsSchema = z.strictObject({
  config: z.string().default('pinops.yml').meta({ description: 'The settings file, relative to the repository root.' }),
  token: z.string().optional().meta({ description: 'GitHub token for comments and the ledger; defaults to the workflow token.' }),
  dryRun: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === 'true')),
  limit: z.coerce.number().int().min(1).optional(),
  confirmRepublish: z.coerce
    .number()
    .int()
    .min(1)
    .optional()
    .meta({ description: 'Agree to publish again up to this many pins pinops had published (their board deleted, their ledger record lost).' }),
  only: z.string().optional().meta({ description: 'A glob of content files to act on.' }),
  retryUpdates: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .meta({ description: 'Send again the edits Pinterest refused (PATCH /pins not available to the app).' }),
  secretsToken: z.string().optional().meta({ description: 'A token allowed to write secrets: rotated refresh tokens are stored back.' }),
  environment: z.string().optional().meta({ description: "Store rotated tokens as this environment's secret instead of the repository's." }),
  previewsFrom: z.string().optional().meta({ description: 'workflow_run: the folder of the downloaded previews artifact to post.' }),
  draftUrl: z
    .url({ protocol: /^https?$/, error: 'an http(s) URL of a product page' })
    .optional()
    .meta({ description: 'workflow_dispatch: write a draft pin from this product page and open a pull request.' }),
  importFrom: z
    .enum(['account'], { error: "`account` (import the Pinterest account's boards and pins), or nothing" })
    .optional()
    .meta({ description: "workflow_dispatch: write pin files from the Pinterest account's boards and pins and open a pull request." }),
});

/** The action's inputs, parsed once. */
export type Inputs = z.infer<typeof InputsSchema>;

/** Reads and checks the inputs; the only module that calls `core.getInput`. */
export function readInputs(): Inputs {
  const raw = {
    config: optional(core.getInput('config')),
    token: optional(core.getInput('token')),
    dryRun: optional(core.getInput('dry-run'))?.toLowerCase(),
    limit: optional(core.getInput('limit')),
    confirmRepublish: optional(core.getInput('confirm-republish')),
    only: optional(core.getInput('only')),
    retryUpdates: optional(core.getInput('retry-updates'))?.toLowerCase(),
    secretsToken: optional(core.getInput('secrets-token')),
    environment: optional(core.getInput('environment')),
    previewsFrom: optional(core.getInput('previews-from')),
    draftUrl: optional(core.getInput('draft-url')),
    importFrom: optional(core.getInput('import'))?.toLowerCase(),
  };
  const parsed = InputsSchema.safeParse(raw);
  if (!parsed.success) {
    const names: Record<string, string> = {
      confirmRepublish: 'confirm-republish',
      dryRun: 'dry-run',
      retryUpdates: 'retry-updates',
      secretsToken: 'secrets-token',
      draftUrl: 'draft-url',
      importFrom: 'import',
    };
    const problems = parsed.error.issues.map((i) => `input \`${names[String(i.path[0])] ?? String(i.path[0])}\`: ${i.message}`);
    throw new InputError(problems.join('; '));
  }
  for (const secret of [parsed.data.token, parsed.data.secretsToken]) {
    if (!secret) continue;
    core.setSecret(secret);
    registerSecret(secret);
  }
  return parsed.data;
}

/** Bad action inputs, or a job that found what the user must fix (invalid content, failed pins). */
export class InputError extends UserError {
  override name = 'InputError';
  readonly exitCode = EXIT.usage;
}
