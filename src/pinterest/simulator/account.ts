import type { Answer, Route } from './world.js';

/** GET /user_account: the simulator's one business account. */
function userAccount(): Answer {
  return { status: 200, body: { account_type: 'BUSINESS', id: '1000000000000000001', username: 'pinops-simulator', business_name: 'pinops simulator' } };
}

export const ACCOUNT_ROUTES: Route[] = [['GET', '/user_account', userAccount]];
