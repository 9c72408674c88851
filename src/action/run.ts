import * as core from '@actions/core';
import { countBySeverity } from '../diagnostics/diagnostic.js';
import { validateRepository } from '../flows/validate.js';
import { InputError, type Inputs, readInputs } from './inputs.js';
import { annotate, diagnosticsMarkdown } from './report.js';

/** The action: reads the event and runs its job. The one place that fails the step. */
export async function run(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  try {
    const inputs = readInputs();
    const event = env.GITHUB_EVENT_NAME ?? '';
    const root = env.GITHUB_WORKSPACE ?? process.cwd();
    switch (event) {
      case 'pull_request':
        await validateJob(root, inputs, env);
        break;
      case 'push':
      case 'schedule':
      case 'workflow_dispatch':
        throw new InputError(`pinops does not publish yet: the \`${event}\` event is not configured in this version. Run it on \`pull_request\` to validate content.`);
      default:
        throw new InputError(`pinops does not handle the \`${event || '(none)'}\` event; use pull_request.`);
    }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    core.setOutput('failure-reason', message);
    core.setFailed(message);
  }
}

/** pull_request: validate everything, annotate, summarise (also on failure), fail on errors. */
async function validateJob(root: string, inputs: Inputs, env: NodeJS.ProcessEnv): Promise<void> {
  const result = await core.group('Validate content', () => validateRepository({ root, config: inputs.config, env }));
  const { errors, warnings } = countBySeverity(result.diagnostics);
  try {
    annotate(result.diagnostics);
  } finally {
    core.setOutput('errors', errors);
    core.setOutput('warnings', warnings);
    await core.summary.addRaw(diagnosticsMarkdown(result.diagnostics, result.ok ? result.files : 0)).write();
  }
  if (!result.ok) throw new InputError(`${inputs.config} is invalid: ${result.diagnostics.map((d) => `${d.file}:${d.line}: ${d.message}`).join('; ')}`);
  core.info(`${result.pins.length} pin(s) checked: ${errors} error(s), ${warnings} warning(s).`);
  if (errors > 0) throw new InputError(`${errors} error(s) in the content: see the annotations and the job summary.`);
}
