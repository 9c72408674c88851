import type { IncomingMessage, ServerResponse } from 'node:http';
import { type Answer, err, newId, type Route, type SimRequest, type World } from './world.js';

/**
 * Videos: registered (POST /media), uploaded to the URL that answer names (S3 in production, here
 * the simulator's /upload/{id}), then polled until processed.
 */

function registerMedia(world: World): Answer {
  const id = newId(world).slice(-12);
  world.state.media.set(id, { polls: 0 });
  return {
    status: 201,
    body: { media_id: id, media_type: 'video', upload_url: `${world.baseUrl.replace(/\/v5$/, '')}/upload/${id}`, upload_parameters: { key: `uploads/${id}`, policy: 'sim' } },
  };
}

/** GET /media/{media_id}: `registered` until uploaded, then `processing` for a few polls (`videoPolls`), then `succeeded`. */
function pollMedia(world: World, { params }: SimRequest): Answer {
  const m = world.state.media.get(params.media_id ?? '');
  if (!m) return err(404, 50, 'Media not found.');
  m.polls++;
  const status = m.uploaded ? (m.polls > (world.opts.videoPolls ?? 2) ? 'succeeded' : 'processing') : 'registered';
  return { status: 200, body: { media_id: params.media_id, media_type: 'video', status } };
}

export const MEDIA_ROUTES: Route[] = [
  ['POST', '/media', registerMedia],
  ['GET', '/media/{media_id}', pollMedia],
];

/**
 * POST /upload/{id}: a multipart form with the upload parameters and the file last, of a declared
 * length. Read as a stream, as S3 does: a video is never held in memory. Answers in plain text.
 */
export async function acceptUpload(world: World, req: IncomingMessage, res: ServerResponse, id: string): Promise<void> {
  const m = world.state.media.get(id);
  if (!m) {
    req.resume();
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Upload not found.');
    return;
  }
  const problem = await receiveUpload(req, m, id);
  if (problem) res.writeHead(400, { 'content-type': 'text/plain' }).end(problem);
  else res.writeHead(204).end();
}

/**
 * Receives a video upload as S3 does: a declared Content-Length (no chunked body), multipart
 * form-data with the upload parameters as fields and the file as the last part. Only the start and
 * the end are kept; the file's bytes are counted. Returns what is wrong, or `undefined`.
 */
async function receiveUpload(req: IncomingMessage, m: { uploaded?: boolean; bytes?: number }, id: string): Promise<string | undefined> {
  const boundary = /^multipart\/form-data;\s*boundary=(.+)$/i.exec(String(req.headers['content-type'] ?? ''))?.[1]?.replace(/^"|"$/g, '');
  const declared = req.headers['content-length'];
  let head = Buffer.alloc(0);
  let tail = Buffer.alloc(0);
  let total = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (head.length < 64 * 1024) head = Buffer.concat([head, chunk.subarray(0, 64 * 1024 - head.length)]);
    tail = Buffer.concat([tail, chunk.subarray(-1024)]).subarray(-1024);
  }
  if (!boundary) return 'The body is not multipart/form-data.';
  if (declared === undefined || Number(declared) !== total) return 'A Content-Length must be declared, and match the body (chunked uploads are refused).';
  const text = head.toString('latin1');
  const fileAt = text.indexOf(`--${boundary}\r\nContent-Disposition: form-data; name="file"`);
  if (fileAt < 0) return 'The form has no `file` part.';
  const fields = text.slice(0, fileAt);
  for (const [k, v] of Object.entries({ key: `uploads/${id}`, policy: 'sim' })) {
    if (!fields.includes(`Content-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)) return `The form lacks the upload parameter ${k}, before the file.`;
  }
  const dataAt = text.indexOf('\r\n\r\n', fileAt) + 4;
  const end = Buffer.from(`\r\n--${boundary}--\r\n`);
  if (dataAt < 4 || !tail.subarray(-end.length).equals(end)) return 'The form does not end with its closing boundary after the file.';
  m.uploaded = true;
  m.bytes = total - dataAt - end.length;
  return undefined;
}
