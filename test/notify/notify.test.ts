import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import type { Summary } from '../../src/analytics/summary.js';
import { mondayOf, notifyAnalytics, notifyPublish } from '../../src/flows/notify.js';
import { gitLedgerStore, type LedgerStore } from '../../src/ledger/store.js';
import { tokenEvent } from '../../src/notify/events.js';
import { slackText } from '../../src/notify/format.js';
import { defaultSettings } from '../../src/settings/load.js';
import { NotifySchema } from '../../src/settings/notify.js';
import { runCli } from '../helpers/cli.js';
import { tempGitRepos } from '../helpers/git-repo.js';
import { publishWorlds } from '../helpers/publish-world.js';
import { BASE } from '../helpers/repo.js';
import { webhookReceivers } from '../helpers/webhook-receiver.js';

const world = publishWorlds();
const receivers = webhookReceivers();
const repos = tempGitRepos();
const KEY = 'whsec-test-key-1234';
const quick = () => 5;

/** pinops.yml telling a signed JSON endpoint and a Slack one (its URL from the environment). */
const settingsWith = (json: string, extra = '') =>
  `allow_private_network: true\nnotify:\n  - url: ${json}/hook\n    secret_env: HOOK_KEY\n  - url_env: SLACK_HOOK\n    format: slack\n${extra}`;

describe('notifications of a publish run', () => {
  it('published pins go to a signed JSON webhook and to Slack, with their links, and no secret in any body', async () => {
    const json = await receivers({ secret: KEY });
    const slack = await receivers();
    const w = await world({ 'pinops.yml': settingsWith(json.url), 'content/pins/a.md': { id: 'a', title: 'Boots in snow' }, 'content/pins/b.md': { id: 'b', title: 'Red scarf' } });
    const r = await w.run({
      env: { ...w.env, PINTEREST_REFRESH_TOKEN: [...w.sim.state.refreshTokens].at(-1) as string, HOOK_KEY: KEY, SLACK_HOOK: `${slack.url}/services/T0/B0/s3cr3tpath` },
    });
    expect(r.outcomes.map((o) => o.result)).toEqual(['ok', 'ok']);
    expect(json.received).toHaveLength(1);
    const [got] = json.received;
    expect(got?.signed).toBe(true);
    expect(got?.headers['x-pinops-event']).toBe('published');
    expect(got?.json).toMatchObject({
      event: 'published',
      text: '2 pin(s) published',
      pins: [
        { key: 'a', title: 'Boots in snow', url: expect.stringMatching(/^https:\/\/www\.pinterest\.com\/pin\/\d+\/$/) },
        { key: 'b', title: 'Red scarf' },
      ],
    });
    expect(slack.received.map((x) => x.path)).toEqual(['/services/T0/B0/s3cr3tpath']);
    expect((slack.received[0]?.json as { text: string } | undefined)?.text).toMatch(
      /^\*pinops\*: 2 pin\(s\) published\n• <https:\/\/www\.pinterest\.com\/pin\/\d+\/\|Boots in snow>\n• <.*\|Red scarf>$/,
    );
    const everything = [...json.received, ...slack.received].map((x) => x.body).join('\n');
    for (const secret of ['app-secret-1', KEY, 's3cr3tpath', ...w.sim.state.refreshTokens]) expect(everything).not.toContain(secret);
    expect(w.logs.join('\n')).toMatch(/· notified \$SLACK_HOOK \(127\.0\.0\.1:\d+\): published/);
    expect(w.logs.join('\n')).not.toContain('s3cr3tpath');
  });

  it('pinops publish (the CLI) tells them too, and writes the schedule file with its last push', async () => {
    const json = await receivers({ secret: KEY });
    const w = await world({ 'pinops.yml': settingsWith(json.url), 'content/pins/a.md': { id: 'a', title: 'Boots in snow' } });
    const env = { ...w.env, PINTEREST_REFRESH_TOKEN: [...w.sim.state.refreshTokens].at(-1) as string, HOOK_KEY: KEY };
    const r = await runCli(['publish'], w.repo.root, env);
    expect(r.code, r.err).toBe(0);
    expect(json.received.map((x) => [x.signed, (x.json as { event: string }).event])).toEqual([[true, 'published']]);
    const ledgerLog = execFileSync('git', ['log', '--format=%s', 'pinops-ledger', '--', 'schedule'], { cwd: w.repo.origin, encoding: 'utf8' });
    expect(ledgerLog.trim().split('\n')).toEqual(['pinops: publish 1 pin(s)']);
  });

  it('a failed pin is told with its error and fix; a webhook that keeps failing is a warning, never the run’s failure', async () => {
    const json = await receivers({ secret: KEY, fail: { times: 99, status: 503 } });
    const w = await world({ 'pinops.yml': settingsWith(json.url), 'content/pins/a.md': { id: 'a' } });
    // Pinterest's message echoes a credential: the notification carries it redacted.
    w.sim.inject({
      method: 'POST',
      route: '/pins',
      when: 'before',
      action: { status: 400, body: { code: 1, message: 'Invalid board (Authorization: Bearer pina_AbCdEfGhIjKlMnOpQrStUv).' } },
    });
    const r = await w.run({ notifyBackoffMs: quick, env: { ...w.env, PINTEREST_REFRESH_TOKEN: [...w.sim.state.refreshTokens].at(-1) as string, HOOK_KEY: KEY } });
    expect(r.outcomes).toMatchObject([{ key: 'a', result: 'error' }]);
    // Three tries of the failed event; the Slack endpoint's variable is not set, so it is told nothing.
    expect(json.received.map((x) => (x.json as { event: string }).event)).toEqual(['failed', 'failed', 'failed']);
    expect(json.received[0]?.json).toMatchObject({ pins: [{ key: 'a', error: expect.stringMatching(/HTTP 400.*Bearer \[redacted\]/) }] });
    expect(json.received[0]?.body).not.toContain('pina_AbCdEfGhIjKlMnOpQrStUv');
    // The same delivery id on every try, so that a receiver can drop a repeat.
    expect(new Set(json.received.map((x) => x.headers['x-pinops-delivery'])).size).toBe(1);
    const texts = r.warnings.map((x) => x.text);
    expect(texts).toContainEqual(expect.stringMatching(/^The failed notification to 127\.0\.0\.1:\d+ was not delivered \(3 tries\): .*HTTP 503/));
    expect(texts).toContainEqual(expect.stringMatching(/^The failed notification to \$SLACK_HOOK was not delivered: the environment variable SLACK_HOOK is not set/));
  });

  it('a webhook that answers 404 (or redirects) is not tried again; one that fails twice gets it the third time', async () => {
    const gone = await receivers({ fail: { times: 99, status: 404 } });
    const moved = await receivers({ fail: { times: 99, status: 301 } });
    const flaky = await receivers({ fail: { times: 2, status: 500 } });
    const yml = `allow_private_network: true\nnotify:\n  - url: ${gone.url}/x\n  - url: ${flaky.url}/y\n  - url: ${moved.url}/z\n`;
    const w = await world({ 'pinops.yml': yml, 'content/pins/a.md': { id: 'a' } });
    const r = await w.run({ notifyBackoffMs: quick });
    expect(gone.received).toHaveLength(1);
    expect(moved.received).toHaveLength(1);
    expect(flaky.received).toHaveLength(3);
    expect(r.warnings.map((x) => x.text)).toContainEqual(expect.stringMatching(/^The published notification to 127\.0\.0\.1:\d+ was not delivered \(1 tries\): .*HTTP 404/));
    expect(r.outcomes[0]?.result).toBe('ok');
  });

  it('a run that stops (a refresh token Pinterest refuses) is told as halted, and still fails', async () => {
    const json = await receivers({ secret: KEY });
    const w = await world({ 'pinops.yml': settingsWith(json.url), 'content/pins/a.md': { id: 'a' } });
    await expect(w.run({ env: { ...w.env, PINTEREST_REFRESH_TOKEN: 'pinr_not-a-real-token-1234567890', HOOK_KEY: KEY } })).rejects.toThrow(/invalid_grant/);
    expect(json.received.map((x) => x.json)).toEqual([expect.objectContaining({ event: 'halted', text: expect.stringMatching(/^publishing stopped: .*invalid_grant/) })]);
    expect(json.received[0]?.body).not.toContain('pinr_not-a-real-token');
  });

  it('only the events an endpoint asks for are sent to it', async () => {
    const json = await receivers();
    const w = await world({ 'pinops.yml': `allow_private_network: true\nnotify:\n  - url: ${json.url}\n    events: [failed, halted]\n`, 'content/pins/a.md': { id: 'a' } });
    const r = await w.run();
    expect(r.outcomes[0]?.result).toBe('ok');
    expect(json.received).toEqual([]);
  });
});

describe('an expiring token is told at its 14-day and 3-day marks, once each', () => {
  const RENEW_BY = new Date('2027-01-30T12:00:00Z');
  const at = (daysLeft: number) => new Date(RENEW_BY.getTime() - daysLeft * 86_400_000);

  it('the marks', () => {
    const facts = (d: number) => ({ at: at(d), run: 'r' });
    expect(tokenEvent(RENEW_BY, facts(20))).toBeUndefined();
    expect(tokenEvent(RENEW_BY, facts(14))?.mark).toBe('2027-01-30/14d');
    expect(tokenEvent(RENEW_BY, facts(4))?.mark).toBe('2027-01-30/14d');
    expect(tokenEvent(RENEW_BY, facts(3))?.mark).toBe('2027-01-30/3d');
    expect(tokenEvent(RENEW_BY, facts(3))?.event).toMatchObject({ event: 'token-expiring', renew_by: '2027-01-30', days_left: 3 });
  });

  it('an hourly workflow tells each mark once: the ledger branch remembers it (notify/sent.json)', async () => {
    const json = await receivers();
    const repo = await repos({ ...BASE });
    const store = gitLedgerStore(repo.root, 'pinops-ledger');
    const settings = { ...defaultSettings(), allow_private_network: true, notify: NotifySchema.parse([{ url: json.url }]) };
    const run = (daysLeft: number) =>
      notifyPublish(
        { settings, store, env: {}, runId: 'r', now: at(daysLeft), log: () => {}, mask: () => {}, backoffMs: quick },
        [],
        { actions: [], removed: [] } as never,
        RENEW_BY,
      );
    for (const d of [20, 13.9, 13.8, 13, 4, 2.9, 2.5, 1]) await run(d);
    expect(json.received.map((x) => (x.json as { days_left: number }).days_left)).toEqual([13, 2]);
    // A fresh process (the next workflow run) reads what was told from the branch.
    await notifyPublish(
      { settings, store: gitLedgerStore(repo.root, 'pinops-ledger'), env: {}, runId: 'r2', now: at(0.5), log: () => {}, mask: () => {} },
      [],
      { actions: [], removed: [] } as never,
      RENEW_BY,
    );
    expect(json.received).toHaveLength(2);
  });
});

describe('the weekly analytics summary', () => {
  const summary = (to: string): Summary => ({
    from: '2026-11-01',
    to,
    days: [
      { date: '2026-11-29', impressions: 100, saves: 3, outbound_clicks: 7, pin_clicks: 9 },
      { date: '2026-11-30', impressions: 50, saves: 1, outbound_clicks: 2, pin_clicks: 4 },
    ],
    totals: { impressions: 150, saves: 4, outbound_clicks: 9, pin_clicks: 13 },
    pins: [],
    topByOutbound: [{ key: 'boots', title: 'Boots', url: 'https://www.pinterest.com/pin/1/', impressions: 100, saves: 3, outbound_clicks: 7, pin_clicks: 9, liveDays: 2 }],
    topBySaves: [],
    underperforming: [],
  });

  it('is sent on the first analytics run of each week (UTC), not on the others', async () => {
    const json = await receivers();
    const repo = await repos({ ...BASE });
    const store = gitLedgerStore(repo.root, 'pinops-ledger');
    const settings = { ...defaultSettings(), allow_private_network: true, notify: NotifySchema.parse([{ url: json.url, events: ['analytics'] }]) };
    const tell = (now: string) => notifyAnalytics({ settings, store, env: {}, runId: 'r', now: new Date(now), log: () => {}, mask: () => {} }, summary(now.slice(0, 10)));
    for (const now of ['2026-12-01T06:00:00Z', '2026-12-03T06:00:00Z', '2026-12-06T23:59:00Z', '2026-12-07T00:01:00Z']) await tell(now);
    expect(json.received.map((x) => (x.json as { at: string }).at)).toEqual(['2026-12-01T06:00:00.000Z', '2026-12-07T00:01:00.000Z']);
    expect(json.received[0]?.json).toMatchObject({
      event: 'analytics',
      week: { from: '2026-11-29', to: '2026-11-30', impressions: 150, outbound_clicks: 9, top: [{ pin: 'boots', outbound_clicks: 7 }] },
    });
    expect(mondayOf(new Date('2026-12-06T23:59:00Z'))).toBe('2026-11-30');
  });

  it('a publish run and an analytics run side by side each keep what the other told in notify/sent.json', async () => {
    const json = await receivers();
    const repo = await repos({ ...BASE });
    // The analytics run is another runner: a clone of its own of the same origin.
    const other = await repos({ ...BASE });
    execFileSync('git', ['remote', 'set-url', 'origin', repo.origin], { cwd: other.root });
    const settings = { ...defaultSettings(), allow_private_network: true, notify: NotifySchema.parse([{ url: json.url, events: ['analytics', 'token-expiring'] }]) };
    const ctx = (store: LedgerStore, now: string) => ({ settings, store, env: {}, runId: 'r', now: new Date(now), log: () => {}, mask: () => {} });
    const now = '2027-01-20T06:00:00Z';
    const publishStore = gitLedgerStore(repo.root, 'pinops-ledger');
    // The analytics run tells its week and writes sent.json after the publish run read it, before it writes its own.
    const racing = new Proxy(publishStore, {
      get(target, p) {
        if (p === 'commit')
          return async (...args: Parameters<LedgerStore['commit']>) => {
            await notifyAnalytics(ctx(gitLedgerStore(other.root, 'pinops-ledger'), now), summary('2027-01-19'));
            return target.commit(...args);
          };
        const v = Reflect.get(target, p);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
    await notifyPublish(ctx(racing, now), [], { actions: [], removed: [] } as never, new Date('2027-01-30T12:00:00Z'));
    expect(json.received.map((x) => (x.json as { event: string }).event).sort()).toEqual(['analytics', 'token-expiring']);
    const sent = JSON.parse(execFileSync('git', ['show', 'pinops-ledger:notify/sent.json'], { cwd: repo.origin, encoding: 'utf8' }));
    expect(sent).toEqual({ marks: ['2027-01-30/14d'], analytics_week: '2027-01-18' });
  });
});

describe('settings and formats', () => {
  it('an endpoint needs exactly one of url and url_env, and only a JSON one is signed', () => {
    expect(NotifySchema.safeParse([{ format: 'slack' }]).success).toBe(false);
    expect(NotifySchema.safeParse([{ url: 'https://a.example/x', url_env: 'X' }]).success).toBe(false);
    expect(NotifySchema.safeParse([{ url_env: 'SLACK', format: 'slack', secret_env: 'K' }]).success).toBe(false);
    expect(NotifySchema.safeParse([{ url: 'ftp://a.example/x' }]).success).toBe(false);
    expect(NotifySchema.parse([{ url_env: 'SLACK', format: 'slack' }])[0]?.events).toEqual(['published', 'failed', 'halted', 'token-expiring', 'analytics']);
  });

  it('Slack text escapes what Slack reads as markup', () => {
    const text = slackText({ event: 'failed', at: '', run: 'r', text: '1 pin(s) failed', pins: [{ key: 'a', title: 'Boots <b> & co', error: 'HTTP 400', fix: 'fix <it>' }] });
    expect(text).toBe('*pinops*: 1 pin(s) failed\n• Boots &lt;b&gt; &amp; co (`a`): HTTP 400 — fix &lt;it&gt;');
  });
});
