import { main } from './cli/main.js';

// The CLI's entry: everything else lives in cli/main.ts.
main(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  out: (s) => process.stdout.write(s),
  err: (s) => process.stderr.write(s),
  color: process.stdout.isTTY === true && process.stdout.hasColors(),
}).then((code) => {
  process.exitCode = code;
});
