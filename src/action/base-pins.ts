import { parsePinFile } from '../content/parse-pins.js';
import { FILE_CAPS, LAYOUT } from '../files/repo.js';
import { type DesiredPin, desiredPins } from '../plan/desired.js';
import type { Settings } from '../settings/schema.js';
import { gitCommitOf, gitFilesAt } from './base-settings.js';

/**
 * The pins of `files` as they are at the pull request's base commit (`ref`), for the earlier
 * values of the plan's updates: read from the checkout's git as blobs, and parsed as the head's
 * pins are, with the base branch's settings (its UTM defaults make its links). When git cannot
 * read them there are none, and the problem says why: the ledger's recorded fields still give some.
 */
export async function basePins(opts: { root: string; ref: string | undefined; files: readonly string[]; settings: Settings }): Promise<{
  pins: Map<string, DesiredPin>;
  problem?: string;
}> {
  const pins = new Map<string, DesiredPin>();
  if (!opts.ref || opts.files.length === 0) return { pins };
  try {
    const commit = await gitCommitOf(opts.root, opts.ref);
    for (const [path, bytes] of await gitFilesAt(opts.root, commit, opts.files)) {
      if (bytes === 'not-a-file' || bytes.length > FILE_CAPS.pin) continue;
      const parsed = parsePinFile({ path, bytes }, LAYOUT.pins);
      for (const d of desiredPins(parsed.pins, parsed.diagnostics, opts.settings, new Map())) pins.set(d.key, d);
    }
    return { pins };
  } catch (err) {
    return { pins, problem: err instanceof Error ? err.message : String(err) };
  }
}
