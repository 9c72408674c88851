import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { handle } from './simulator/dispatch.js';
import { seedAccount } from './simulator/seed.js';
import type { Simulator, SimulatorOptions } from './simulator/types.js';
import { createWorld } from './simulator/world.js';

/**
 * pinops' offline Pinterest: an HTTP server on 127.0.0.1 that speaks the part of API v5 pinops
 * uses, keeps its state in memory, and can be told to misbehave. `pinops demo` publishes to it
 * and the tests run against it (checking every exchange against Pinterest's spec).
 *
 * simulator/: the routing (dispatch, routes, limits, faults, http), the account's state (world),
 * and one module per resource group (oauth, account, boards, pins, media, analytics).
 */

export type { SeedAccount, SeedPin } from './simulator/seed.js';
export type { Exchange, Fault, SimState, Simulator, SimulatorOptions } from './simulator/types.js';

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const world = createWorld(opts);
  const server: Server = createServer((req, res) => {
    handle(world, req, res).catch((e: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ code: 500, message: e instanceof Error ? e.message : String(e) }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  world.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v5`;
  if (opts.seed) seedAccount(world, opts.seed);
  return {
    url: world.baseUrl,
    state: world.state,
    exchanges: world.exchanges,
    inject: (f) => world.faults.push(f),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
