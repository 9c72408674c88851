// The release's checks and names, for .github/workflows/release.yml and `npm run release:check`:
// the tag, package.json's version and CHANGELOG.md agree; dist/ is what src/ builds; the notes are
// the version's changelog section; the major tag to move is computed. Changes nothing: the
// workflow creates the release and moves the tag with what this prints to GITHUB_OUTPUT.
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { releasePlan } from './release-plan.js';

const version = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version;
const ref = process.env.GITHUB_REF_TYPE === 'tag' ? process.env.GITHUB_REF_NAME : undefined;
const plan = releasePlan({ version, changelog: readFileSync('CHANGELOG.md', 'utf8'), ...(ref ? { tag: ref } : {}) });

execFileSync(process.execPath, ['--import', 'tsx', 'scripts/check-dist.ts'], { stdio: 'inherit' });

mkdirSync('.tmp', { recursive: true });
const notesFile = join('.tmp', 'release-notes.md');
writeFileSync(notesFile, plan.notes);
if (process.env.GITHUB_OUTPUT) appendFileSync(process.env.GITHUB_OUTPUT, `tag=${plan.tag}\nmajor=${plan.major}\nnotes-file=${notesFile}\n`);
console.log(`release ${plan.tag}: dist/ is fresh; notes from CHANGELOG.md (${plan.notes.split('\n').length} lines) in ${notesFile}; ${plan.major} moves to ${plan.tag}`);
