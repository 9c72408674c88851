// Runs a program in this process and prints its peak RSS, so every variant is measured alike:
// node bench/measure.mjs ENTRY ARGS… → stderr line "maxrss_kb=N" when the program exits.
import { pathToFileURL } from 'node:url';
import { peakRssKb } from '../test/helpers/peak-rss.mjs';

const [entry, ...args] = process.argv.slice(2);
process.argv = [process.argv[0], entry, ...args];
process.on('exit', () => process.stderr.write(`\nmaxrss_kb=${peakRssKb()}\n`));
await import(pathToFileURL(entry).href);
