import { progressStyle } from './cli/io.js';
import { main } from './cli/main.js';

// The CLI's entry: everything else lives in cli/main.ts.

// A reader that goes away (`pinops init | head -1`) closes stdout: the rest of the output is
// dropped, and the command still finishes its work, rather than dying half-way on EPIPE.
let stdoutOpen = true;
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code !== 'EPIPE') throw err;
  stdoutOpen = false;
});
process.stderr.on('error', () => {});

main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: (s) => {
    if (stdoutOpen) process.stdout.write(s);
  },
  err: (s) => process.stderr.write(s),
  color: process.stdout.isTTY === true && process.stdout.hasColors(),
  progress: progressStyle(process.stderr.isTTY === true, process.env),
}).then((code) => {
  process.exitCode = code;
});
