import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sodium from 'libsodium-wrappers';

export interface GithubCall {
  method: string;
  path: string;
  body: unknown;
  authorization: string | undefined;
}

export interface FakeGithubOptions {
  pulls?: { number: number; merged_at: string | null }[];
  /** Answer secrets calls with 403, as for a token that may not write secrets. */
  secretsForbidden?: boolean;
  /** Delay the first public-key answer (to stage a race between two runs). */
  delayFirstKeyMs?: number;
  /** The files a pull request changes (pulls/{n}/files). */
  files?: string[];
  /** Open pull requests (GET pulls). */
  openPulls?: { number: number; head: { sha: string } }[];
  /** A read-only token, as a fork's pull_request run has: every write is refused with 403. */
  readOnly?: boolean;
  /** Branches that exist from the start: name → files (path → text). */
  branches?: Record<string, Record<string, string>>;
  /**
   * Tokens that belong to a user (GET /user answers with the login); any other token is the
   * workflow's, which GET /user refuses with 403 and whose comments are by github-actions[bot].
   */
  users?: Record<string, string>;
  /** GitHub refuses a comment body longer than this (65,536 characters) with 422. */
  commentLimit?: number;
  /** Comments that exist from the start, by their authors. */
  comments?: { issue: number; body: string; user: string }[];
  /** How long each blob creation (POST git/blobs) takes, to see how many a client sends at once. */
  blobLatencyMs?: number;
  /**
   * Calls answered with GitHub's secondary rate limit (403, `retry-after` seconds) the first
   * `times` they are made, or with a 502 (`status: 502`), as GitHub's front ends sometimes answer.
   */
  faults?: { method: string; path: RegExp; times: number; status?: 403 | 502; retryAfter?: number }[];
  /**
   * A real bare repository each branch update is mirrored into (the same trees, commits and
   * parents, with real SHAs), so `git clone` can measure what a branch's history weighs.
   */
  mirror?: string;
  /**
   * `false`: no GraphQL here (POST /graphql answers 404); `refuses`: every updateRefs answered
   * with an error in its body, as a GitHub without that mutation would. The previews branch is
   * then moved with REST's forced update.
   */
  graphql?: false | 'refuses';
  /** Called before a GraphQL ref update is decided, to stage another run's move in between. */
  beforeRefSwap?: () => void;
}

/** The fake repository's GraphQL node id (GET /repos/{owner}/{repo} answers it). */
export const REPO_NODE_ID = 'R_kgDOpinops';
/** Git's "no object": a ref update's `beforeOid` for "must not exist", `afterOid` for "delete". */
const NO_OBJECT = '0'.repeat(40);

/** A check run as the fake Checks API keeps it: every annotation of its creation and updates, in order. */
export interface FakeCheckRun {
  id: number;
  name: string;
  head_sha: string;
  status: string;
  conclusion?: string;
  details_url?: string;
  output: { title: string; summary: string };
  annotations: Record<string, unknown>[];
}

/** GitHub refuses more annotations than this in one request to the Checks API (422). */
const CHECK_ANNOTATIONS_MAX = 50;

/** GitHub's words for a secondary rate limit (octokit recognises it by them). */
export const SECONDARY_LIMIT = 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.';

/** A path's segments as GitHub reads them: each one decoded. */
const decodeSegments = (p: string) => p.split('/').map(decodeURIComponent).join('/');

/** A tiny git object store behind the Git Data API: trees are flat maps of path → blob. */
export interface FakeGit {
  blobs: Map<string, Buffer>;
  trees: Map<string, Map<string, string>>;
  commits: Map<string, { tree: string; parents: string[]; message: string }>;
  refs: Map<string, string>;
  /** The files on a branch: path → content. */
  filesOn(branch: string): Map<string, Buffer>;
}

/**
 * A fake GitHub REST API on 127.0.0.1 that records every call: pull requests of a commit, issue
 * comments, and repository and environment secrets (sealed with a real libsodium key pair, so a
 * test can open what was stored).
 */
export async function fakeGithub(opts: FakeGithubOptions = {}): Promise<{
  url: string;
  calls: GithubCall[];
  secrets: Map<string, string>;
  git: FakeGit;
  comments: Map<number, { issue: number; body: string; user: string }>;
  /** Pull requests opened (POST pulls). */
  created: { number: number; title: string; head: string; base: string; body: string }[];
  /** Check runs created (POST check-runs), updated by PATCH check-runs/{id}. */
  checkRuns: Map<number, FakeCheckRun>;
  /** The most blob creations that were in flight at once. */
  maxBlobsInFlight(): number;
  close(): Promise<void>;
}> {
  await sodium.ready;
  const keys = sodium.crypto_box_keypair();
  const secrets = new Map<string, string>();
  let keyCalls = 0;
  const calls: GithubCall[] = [];
  let counter = 0;
  const sha = () => (++counter).toString(16).padStart(40, '0');
  const git: FakeGit = {
    blobs: new Map(),
    trees: new Map(),
    commits: new Map(),
    refs: new Map(),
    filesOn(branch) {
      const head = git.refs.get(branch);
      const tree = head ? git.trees.get(git.commits.get(head)?.tree ?? '') : undefined;
      return new Map([...(tree ?? new Map<string, string>())].map(([path, blob]) => [path, git.blobs.get(blob) as Buffer]));
    },
  };
  /** A folder's own tree (path → blob, relative), by content, so the same folder keeps one SHA. */
  const folders = new Map<string, string>();
  const folder = (tree: Map<string, string>, dir: string) => {
    const sub = new Map([...tree].filter(([p]) => p.startsWith(`${dir}/`)).map(([p, s]) => [p.slice(dir.length + 1), s] as const));
    const key = JSON.stringify([...sub].sort());
    if (!folders.has(key)) {
      const s = sha();
      git.trees.set(s, sub);
      folders.set(key, s);
    }
    return folders.get(key) as string;
  };
  /** A tree as GitHub lists it: its own entries, folders as trees; with `recursive`, every folder and file. */
  const listing = (tree: Map<string, string>, recursive: boolean) => {
    const dirs = new Set(
      [...tree.keys()].flatMap((p) =>
        p
          .split('/')
          .slice(0, -1)
          .map((_, i, a) => a.slice(0, i + 1).join('/')),
      ),
    );
    const entries = [
      ...[...dirs].map((d) => ({ path: d, type: 'tree', sha: folder(tree, d), mode: '040000' })),
      ...[...tree].map(([p, s]) => ({ path: p, type: 'blob', sha: s, mode: '100644' })),
    ];
    return entries.filter((e) => recursive || !e.path.includes('/')).sort((x, y) => (x.path < y.path ? -1 : 1));
  };
  const descends = (commit: string, ancestor: string): boolean => commit === ancestor || (git.commits.get(commit)?.parents ?? []).some((p) => descends(p, ancestor));
  const mirror = opts.mirror ? gitMirror(opts.mirror, git) : undefined;
  const setRef = (name: string, commit: string | undefined) => {
    if (commit) git.refs.set(name, commit);
    else git.refs.delete(name);
    mirror?.(name, commit);
  };
  /**
   * GraphQL's updateRefs, as GitHub answers it: every update's `beforeOid` must hold (else none is
   * made), a move that is no fast-forward needs `force`; errors come in the body of a 200.
   */
  const graphql = (body: unknown): [number, unknown] => {
    if (opts.graphql === false) return [404, { message: 'Not Found' }];
    const { query, variables } = (body ?? {}) as {
      query?: string;
      variables?: { repositoryId?: string; refUpdates?: { name: string; beforeOid?: string; afterOid: string; force?: boolean }[] };
    };
    const refused = (type: string, message: string): [number, unknown] => [200, { data: { updateRefs: null }, errors: [{ type, path: ['updateRefs'], message }] }];
    if (!/\bupdateRefs\s*\(/.test(query ?? '') || opts.graphql === 'refuses')
      return [200, { errors: [{ type: 'UNDEFINED', message: "Field 'updateRefs' doesn't exist on type 'Mutation'" }] }];
    if (variables?.repositoryId !== REPO_NODE_ID) return refused('NOT_FOUND', `Could not resolve to a node with the global id of '${variables?.repositoryId}'`);
    opts.beforeRefSwap?.();
    const updates = (variables.refUpdates ?? []).map((u) => ({ ...u, branch: u.name.replace(/^refs\/heads\//, '') }));
    for (const u of updates) {
      const now = git.refs.get(u.branch) ?? NO_OBJECT;
      if (u.beforeOid !== undefined && u.beforeOid !== now) return refused('UNPROCESSABLE', `${u.name} is at ${now}, not ${u.beforeOid}`);
      if (u.afterOid !== NO_OBJECT && !git.commits.has(u.afterOid)) return refused('UNPROCESSABLE', `${u.afterOid} is not a commit`);
      if (!u.force && now !== NO_OBJECT && u.afterOid !== NO_OBJECT && !descends(u.afterOid, now)) return refused('UNPROCESSABLE', `${u.name}: not a fast forward`);
    }
    for (const u of updates) setRef(u.branch, u.afterOid === NO_OBJECT ? undefined : u.afterOid);
    return [200, { data: { updateRefs: { clientMutationId: null } } }];
  };
  const comments = new Map<number, { issue: number; body: string; user: string }>();
  const checkRuns = new Map<number, FakeCheckRun>();
  for (const c of opts.comments ?? []) comments.set(comments.size + 1000, { ...c });
  const created: { number: number; title: string; head: string; base: string; body: string }[] = [];
  const faults = (opts.faults ?? []).map((f) => ({ ...f }));
  const blobs = { inFlight: 0, max: 0 };
  for (const [name, files] of Object.entries(opts.branches ?? {})) {
    const tree = new Map<string, string>();
    for (const [path, text] of Object.entries(files)) {
      const s = sha();
      git.blobs.set(s, Buffer.from(text));
      tree.set(path, s);
    }
    const t = sha();
    git.trees.set(t, tree);
    const c = sha();
    git.commits.set(c, { tree: t, parents: [], message: 'initial' });
    git.refs.set(name, c);
  }
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString();
      const body = text ? JSON.parse(text) : undefined;
      const path = (req.url ?? '').split('?')[0] ?? '';
      calls.push({ method: req.method ?? '', path, body, authorization: req.headers.authorization });
      const token = (req.headers.authorization ?? '').replace(/^(Bearer|token)\s+/i, '');
      const login = opts.users?.[token] ?? 'github-actions[bot]';
      const send = (status: number, data: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(data));
      };
      const fault = faults.find((f) => f.method === req.method && f.path.test(path) && f.times > 0);
      if (fault) {
        fault.times--;
        if (fault.status === 502) return send(502, { message: 'Server Error' });
        return send(
          403,
          { message: SECONDARY_LIMIT, documentation_url: 'https://docs.github.com/rest/using-the-rest-api/rate-limits-for-the-rest-api' },
          { 'retry-after': String(fault.retryAfter ?? 60) },
        );
      }
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/commits\/[^/]+\/pulls$/.test(path))
        return send(
          200,
          (opts.pulls ?? []).map((p) => ({ ...p, id: p.number, state: 'closed' })),
        );
      const secretsBase = /^\/repos\/[^/]+\/[^/]+\/(?:environments\/([^/]+)\/secrets|actions\/secrets)\/([^/]+)$/.exec(path);
      if (secretsBase) {
        if (opts.secretsForbidden) return send(403, { message: 'Resource not accessible by integration' });
        const [, env, name] = secretsBase;
        if (name === 'public-key' && req.method === 'GET') {
          const answer = () => send(200, { key_id: 'k1', key: sodium.to_base64(keys.publicKey, sodium.base64_variants.ORIGINAL) });
          if (keyCalls++ === 0 && opts.delayFirstKeyMs) setTimeout(answer, opts.delayFirstKeyMs);
          else answer();
          return;
        }
        const id = `${env ? `${decodeURIComponent(env)}/` : ''}${name}`;
        if (req.method === 'PUT') {
          const sealed = sodium.from_base64((body as { encrypted_value: string }).encrypted_value, sodium.base64_variants.ORIGINAL);
          secrets.set(id, sodium.to_string(sodium.crypto_box_seal_open(sealed, keys.publicKey, keys.privateKey)));
          return send(201, {});
        }
        if (req.method === 'DELETE') return secrets.delete(id) ? send(204, {}) : send(404, { message: 'Not Found' });
      }
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.method === 'GET' && path === '/user')
        return opts.users?.[token] ? send(200, { login, type: 'User' }) : send(403, { message: 'Resource not accessible by integration' });
      if (opts.readOnly && req.method !== 'GET') return send(403, { message: 'Resource not accessible by integration' });
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+\/pulls$/.test(path)) return send(200, url.searchParams.get('page') === '1' ? (opts.openPulls ?? []) : []);
      if (req.method === 'POST' && path === '/graphql') return send(...graphql(body));
      if (req.method === 'GET' && /^\/repos\/[^/]+\/[^/]+$/.test(path)) return send(200, { node_id: REPO_NODE_ID, full_name: path.slice('/repos/'.length) });
      const r = /^\/repos\/[^/]+\/[^/]+(\/.*)$/.exec(path)?.[1] ?? '';
      const b = body as Record<string, unknown>;
      let m: RegExpExecArray | null;
      if (req.method === 'POST' && r === '/git/blobs') {
        const s = sha();
        git.blobs.set(s, Buffer.from(String(b.content), (b.encoding as BufferEncoding) ?? 'utf8'));
        if (!opts.blobLatencyMs) return send(201, { sha: s });
        blobs.max = Math.max(blobs.max, ++blobs.inFlight);
        setTimeout(() => {
          blobs.inFlight--;
          send(201, { sha: s });
        }, opts.blobLatencyMs);
        return;
      }
      if (req.method === 'POST' && r === '/git/trees') {
        const tree = new Map(git.trees.get(String(b.base_tree ?? '')) ?? []);
        for (const e of b.tree as { path: string; type?: string; sha: string | null }[]) {
          // As GitHub does: a null removes the path, a file's or a whole folder's; a tree entry places a folder.
          for (const p of [...tree.keys()]) if (e.sha === null && (p === e.path || p.startsWith(`${e.path}/`))) tree.delete(p);
          if (e.sha === null) continue;
          if (e.type !== 'tree') tree.set(e.path, e.sha);
          else if (git.trees.has(e.sha)) for (const [p, s] of git.trees.get(e.sha) ?? []) tree.set(`${e.path}/${p}`, s);
          else return send(422, { message: 'tree.sha is not a valid tree' });
        }
        const s = sha();
        git.trees.set(s, tree);
        return send(201, { sha: s });
      }
      m = /^\/git\/trees\/(\w+)$/.exec(r);
      if (m && req.method === 'GET') {
        const tree = git.trees.get(m[1] as string);
        return tree ? send(200, { sha: m[1], tree: listing(tree, url.searchParams.has('recursive')), truncated: false }) : send(404, { message: 'Not Found' });
      }
      if (req.method === 'POST' && r === '/git/commits') {
        const s = sha();
        git.commits.set(s, { tree: String(b.tree), parents: b.parents as string[], message: String(b.message) });
        return send(201, { sha: s });
      }
      m = /^\/git\/commits\/(\w+)$/.exec(r);
      if (m && req.method === 'GET') {
        const c = git.commits.get(m[1] as string);
        return c ? send(200, { sha: m[1], tree: { sha: c.tree }, parents: c.parents.map((p) => ({ sha: p })) }) : send(404, { message: 'Not Found' });
      }
      m = /^\/git\/ref\/heads\/(.+)$/.exec(r);
      if (m && req.method === 'GET') {
        const name = decodeSegments(m[1] as string);
        const head = git.refs.get(name);
        return head ? send(200, { ref: `refs/heads/${name}`, object: { sha: head, type: 'commit' } }) : send(404, { message: 'Not Found' });
      }
      m = /^\/contents\/(.+)$/.exec(r);
      if (m && req.method === 'GET') {
        // A file at a branch or a commit, as the contents API answers.
        const ref = url.searchParams.get('ref') ?? 'main';
        const commit = git.refs.get(ref) ?? (git.commits.has(ref) ? ref : undefined);
        const tree = commit ? git.trees.get(git.commits.get(commit)?.tree ?? '') : undefined;
        const file = decodeSegments(m[1] as string);
        const blob = tree?.get(file);
        return blob
          ? send(200, { type: 'file', encoding: 'base64', path: file, sha: blob, content: (git.blobs.get(blob) as Buffer).toString('base64') })
          : send(404, { message: 'Not Found' });
      }
      if (req.method === 'POST' && r === '/git/refs') {
        const name = String(b.ref).replace(/^refs\/heads\//, '');
        if (git.refs.has(name)) return send(422, { message: 'Reference already exists' });
        setRef(name, String(b.sha));
        return send(201, { ref: b.ref, object: { sha: b.sha } });
      }
      m = /^\/git\/refs\/heads\/(.+)$/.exec(r);
      if (m && req.method === 'PATCH') {
        const name = decodeSegments(m[1] as string);
        const next = git.commits.get(String(b.sha));
        if (!git.refs.has(name)) return send(422, { message: 'Reference does not exist' });
        if (!next) return send(422, { message: 'Object does not exist' });
        // GitHub moves a branch to a commit that does not descend from its head only when told to force.
        if (b.force !== true && !descends(String(b.sha), git.refs.get(name) ?? '')) return send(422, { message: 'Update is not a fast forward' });
        setRef(name, String(b.sha));
        return send(200, { ref: `refs/heads/${name}`, object: { sha: b.sha } });
      }
      if (m && req.method === 'DELETE') {
        const name = decodeSegments(m[1] as string);
        if (!git.refs.has(name)) return send(422, { message: 'Reference does not exist' });
        setRef(name, undefined);
        res.writeHead(204);
        return res.end();
      }
      if (req.method === 'POST' && r === '/pulls') {
        if (!git.refs.has(String(b.head)) || !git.refs.has(String(b.base))) return send(422, { message: 'Validation Failed', errors: [{ field: 'head' }] });
        const number = 100 + created.length;
        created.push({ number, title: String(b.title), head: String(b.head), base: String(b.base), body: String(b.body) });
        return send(201, { number, html_url: `https://github.com/acme/pins/pull/${number}` });
      }
      m = /^\/pulls\/(\d+)\/files$/.exec(r);
      if (m && req.method === 'GET') {
        return send(200, url.searchParams.get('page') === '1' || !url.searchParams.get('page') ? (opts.files ?? []).map((f) => ({ filename: f, status: 'modified' })) : []);
      }
      const tooLong = () =>
        send(422, {
          message: 'Validation Failed',
          errors: [{ resource: 'IssueComment', code: 'custom', field: 'body', message: `body is too long (maximum is ${opts.commentLimit ?? 65536} characters)` }],
          documentation_url: 'https://docs.github.com/rest/issues/comments#create-an-issue-comment',
        });
      if (/^\/issues\/(\d+\/)?comments(\/\d+)?$/.test(r) && req.method !== 'GET' && [...String(b?.body ?? '')].length > (opts.commentLimit ?? 65536)) return tooLong();
      m = /^\/issues\/(\d+)\/comments$/.exec(r);
      if (m) {
        const issue = Number(m[1]);
        if (req.method === 'GET')
          return send(
            200,
            [...comments].filter(([, c]) => c.issue === issue).map(([id, c]) => ({ id, body: c.body, user: { login: c.user } })),
          );
        const id = comments.size + 1000;
        comments.set(id, { issue, body: String(b.body), user: login });
        return send(201, { id, body: b.body, user: { login } });
      }
      if (r === '/check-runs' || /^\/check-runs\/\d+$/.test(r)) return checkRunCall(checkRuns, req.method ?? '', r, b, send);
      m = /^\/issues\/comments\/(\d+)$/.exec(r);
      if (m && req.method === 'PATCH') {
        const c = comments.get(Number(m[1]));
        if (!c) return send(404, { message: 'Not Found' });
        c.body = String(b.body);
        return send(200, { id: Number(m[1]), body: c.body });
      }
      send(404, { message: 'Not Found' });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    calls,
    secrets,
    git,
    comments,
    created,
    checkRuns,
    maxBlobsInFlight: () => blobs.max,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/**
 * The Checks API: POST check-runs creates a run, PATCH check-runs/{id} appends its annotations and
 * sets its status, conclusion and output, as GitHub does; more than 50 annotations in one request are refused.
 */
function checkRunCall(runs: Map<number, FakeCheckRun>, method: string, r: string, b: Record<string, unknown>, send: (status: number, data: unknown) => unknown): unknown {
  const output = (b.output ?? {}) as { title?: string; summary?: string; annotations?: Record<string, unknown>[] };
  const annotations = output.annotations ?? [];
  if (annotations.length > CHECK_ANNOTATIONS_MAX)
    return send(422, {
      message: 'Validation Failed',
      errors: [{ resource: 'CheckRun', code: 'custom', message: `only ${CHECK_ANNOTATIONS_MAX} annotations are allowed per request` }],
    });
  const html = (id: number) => `https://github.com/acme/pins/runs/${id}`;
  if (method === 'POST' && r === '/check-runs') {
    const id = 5000 + runs.size;
    runs.set(id, {
      id,
      name: String(b.name),
      head_sha: String(b.head_sha),
      status: String(b.status ?? 'queued'),
      ...(b.conclusion ? { conclusion: String(b.conclusion) } : {}),
      ...(b.details_url ? { details_url: String(b.details_url) } : {}),
      output: { title: String(output.title ?? ''), summary: String(output.summary ?? '') },
      annotations: [...annotations],
    });
    return send(201, { id, html_url: html(id) });
  }
  const run = method === 'PATCH' ? runs.get(Number(r.split('/')[2])) : undefined;
  if (!run) return send(404, { message: 'Not Found' });
  if (b.status) run.status = String(b.status);
  if (b.conclusion) run.conclusion = String(b.conclusion);
  if (output.title !== undefined) run.output = { title: String(output.title), summary: String(output.summary ?? run.output.summary) };
  run.annotations.push(...annotations);
  return send(200, { id: run.id, html_url: html(run.id) });
}

/**
 * Writes the fake's objects into a real bare repository as a branch moves: blobs as they are, each
 * flat tree as nested git trees, each commit with its parents (a fixed date, so the same history
 * has the same SHAs), then the ref; `undefined` deletes it.
 */
function gitMirror(bare: string, git: FakeGit): (branch: string, commit: string | undefined) => void {
  const run = (args: string[], input?: Buffer | string) =>
    execFileSync('git', args, {
      cwd: bare,
      input,
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'pinops',
        GIT_AUTHOR_EMAIL: 'pinops@example.com',
        GIT_COMMITTER_NAME: 'pinops',
        GIT_COMMITTER_EMAIL: 'pinops@example.com',
        GIT_AUTHOR_DATE: '2025-01-01T00:00:00Z',
        GIT_COMMITTER_DATE: '2025-01-01T00:00:00Z',
      },
      maxBuffer: 1 << 30,
    })
      .toString()
      .trim();
  const real = new Map<string, string>();
  const blob = (s: string) => real.get(s) ?? (real.set(s, run(['hash-object', '-w', '--stdin'], git.blobs.get(s))).get(s) as string);
  const tree = (entries: [string, string][]): string => {
    const here = entries.filter(([p]) => !p.includes('/')).map(([p, s]) => `100644 blob ${blob(s)}\t${p}`);
    const dirs = [...new Set(entries.filter(([p]) => p.includes('/')).map(([p]) => p.split('/')[0] as string))];
    const sub = dirs.map((d) => `040000 tree ${tree(entries.filter(([p]) => p.startsWith(`${d}/`)).map(([p, s]) => [p.slice(d.length + 1), s]))}\t${d}`);
    const lines = [...here, ...sub];
    return run(['mktree'], lines.map((l) => `${l}\n`).join(''));
  };
  const commit = (s: string): string => {
    const known = real.get(s);
    if (known) return known;
    const c = git.commits.get(s);
    if (!c) throw new Error(`the fake has no commit ${s}`);
    const t = tree([...(git.trees.get(c.tree) ?? new Map<string, string>())]);
    const made = run(['commit-tree', t, ...c.parents.flatMap((p) => ['-p', commit(p)]), '-m', c.message]);
    real.set(s, made);
    return made;
  };
  return (branch, head) => {
    if (head) run(['update-ref', `refs/heads/${branch}`, commit(head)]);
    else run(['update-ref', '-d', `refs/heads/${branch}`]);
  };
}
