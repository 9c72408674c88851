import { run } from './action/run.js';

// The action's entry: everything happens in run().
void run();
