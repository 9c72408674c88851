import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Pinterest's spec: ../shared/pinterest-api/openapi.json beside the repository (PINTEREST_SPEC overrides). */
export const SPEC_PATH = process.env.PINTEREST_SPEC ?? resolve(join(import.meta.dirname, '..', '..', '..', 'shared', 'pinterest-api', 'openapi.json'));

export function specAvailable(): boolean {
  return existsSync(SPEC_PATH);
}
