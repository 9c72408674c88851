#!/usr/bin/env node
// `npx pinops …`: the bundled CLI.
import '../dist/cli/index.js';
