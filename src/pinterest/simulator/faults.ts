import type { ServerResponse } from 'node:http';
import type { Send } from './http.js';
import type { Fault } from './types.js';

/** Faults injected by tests: each waits for its method and route, fires as often as `times` says. */

/** The first fault waiting for this request, counted as fired (and dropped once used up). */
export function takeFault(faults: Fault[], method: string, route: string): Fault | undefined {
  const i = faults.findIndex((f) => f.method === method && f.route === route);
  if (i < 0) return undefined;
  const f = faults[i] as Fault;
  f.times = (f.times ?? 1) - 1;
  if (f.times <= 0) faults.splice(i, 1);
  return f;
}

/** Answers as the fault says instead of as the route would: an error, no answer at all, or a reset connection. */
export function misbehave(f: Fault, res: ServerResponse, record: (status: number, body: unknown) => void, send: Send): void {
  f.onFire?.();
  if (f.action === 'hang') return;
  if (f.action === 'reset') {
    res.socket?.destroy();
    return;
  }
  const body = f.action.body ?? { code: f.action.status, message: `Simulated error ${f.action.status}` };
  record(f.action.status, body);
  send(f.action.status, body, f.action.headers);
}
