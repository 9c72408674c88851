import { type Simulator, type SimulatorOptions, startSimulator } from '../../src/pinterest/simulator.js';
import { ContractChecker } from './contract.js';

/** A simulator whose every exchange is checked against Pinterest's spec, with credentials to use it. */
export async function contractSimulator(opts: SimulatorOptions = {}): Promise<{ sim: Simulator; contract: ContractChecker; env: Record<string, string> }> {
  const contract = new ContractChecker();
  const sim = await startSimulator({
    app: { id: 'app-1', secret: 'app-secret-1' },
    refreshTokens: ['refresh-0'],
    videoPolls: 1,
    ...opts,
    onExchange: (e) => {
      contract.check(e);
      opts.onExchange?.(e);
    },
  });
  return { sim, contract, env: { PINTEREST_API_BASE: sim.url, PINTEREST_APP_ID: 'app-1', PINTEREST_APP_SECRET: 'app-secret-1', PINTEREST_REFRESH_TOKEN: 'refresh-0' } };
}

/** The refresh token rotates on every refresh: the simulator accepts the newest it issued. */
export function currentRefreshToken(sim: Simulator): string {
  return [...sim.state.refreshTokens].at(-1) as string;
}
