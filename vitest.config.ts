import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // One file more than the cores: most tests wait on git, child processes and local servers, so
    // vitest's default (a core less than there are, one worker on a 2-core runner) leaves the CPU idle.
    maxWorkers: availableParallelism() + 1,
    // The JSON results feed .ci/run's "N passed, N failed" line.
    reporters: ['default', ['json', { outputFile: '.tmp/vitest-results.json' }]],
  },
});
