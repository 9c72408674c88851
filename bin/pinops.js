#!/usr/bin/env node
// `npx pinops …`: the bundled CLI (dist-cli/, built by `npm pack`). Written for any Node, so that an
// old one is told what to install instead of failing on syntax or a missing API.
import module from 'node:module';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`pinops needs Node.js 22.12 or newer (this is ${process.version}); install a current LTS from https://nodejs.org/.\n`);
  process.exit(2);
}
// The compile cache keeps V8's bytecode for the bundle between runs, which saves about a tenth
// of a second at every start.
module.enableCompileCache?.();
await import('../dist-cli/index.js');
