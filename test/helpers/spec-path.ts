import { join, resolve } from 'node:path';

/** Pinterest's spec, kept in the repository (src/pinterest/spec/README.md says where it came from). */
export const SPEC_PATH = resolve(join(import.meta.dirname, '..', '..', 'src', 'pinterest', 'spec', 'openapi.json'));
