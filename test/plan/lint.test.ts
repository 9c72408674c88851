import { describe, expect, it } from 'vitest';
import type { Ledger } from '../../src/ledger/format.js';
import { plan } from '../../src/plan/plan.js';
import { planMarkdown, planObject } from '../../src/plan/render.js';
import { defaultSettings } from '../../src/settings/load.js';
import type { Settings } from '../../src/settings/schema.js';
import { desiredPin, publishedEntry } from '../helpers/plan-fixtures.js';

const NOW = new Date('2026-11-28T12:00:00Z');
const settings = (lint: Settings['lint'] = {}): Settings => ({ ...defaultSettings(), lint });

const live = desiredPin('boots', { link: 'https://shop.example.com/boots?utm_campaign=boots' });
const ledger = (): Ledger => ({ version: 1, pins: { boots: publishedEntry(live) } });

/** A copy of the published pin under another key: the same media, the same page (UTM tags aside). */
const copy = desiredPin('boots-again', { mediaFingerprint: live.mediaFingerprint, link: 'https://shop.example.com/boots?utm_campaign=boots-again' });
/** The published pin, edited to point elsewhere. */
const moved = { ...live, link: 'https://other.example.com/sale?utm_campaign=boots', contentFingerprint: 'c-moved' };

describe('plan-time account-safety lint', () => {
  it('warns on a new pin with the media and link of a published pin, and on a second new copy', () => {
    const other = desiredPin('boots-3', { mediaFingerprint: 'm-new', link: 'https://shop.example.com/x' });
    const twin = desiredPin('boots-4', { mediaFingerprint: 'm-new', link: 'https://shop.example.com/x?utm_campaign=boots-4' });
    const p = plan({ desired: [live, copy, other, twin], ledger: ledger(), settings: settings(), now: NOW });
    const warned = p.actions.filter((a) => a.warnings).map((a) => [a.key, a.kind, a.warnings?.map((w) => `${w.code}: ${w.message}`)]);
    // The second new copy is also held back a day by the default min_link_spacing (24 h): boots-3
    // goes to the same page in this run. The warning is shown all the same.
    expect(warned).toEqual([
      ['boots-again', 'create', ['same-media-and-link: the pin has the same media and link (https://shop.example.com/boots) as pin "boots"']],
      ['boots-4', 'scheduled', ['same-media-and-link: the pin has the same media and link (https://shop.example.com/x) as pin "boots-3"']],
    ]);
    // Another picture to the same page, or the same picture to another page, is fine.
    const fine = [desiredPin('a', { link: live.link as string }), desiredPin('b', { mediaFingerprint: live.mediaFingerprint, link: 'https://shop.example.com/b' })];
    expect(plan({ desired: fine, ledger: ledger(), settings: settings(), now: NOW }).actions.some((a) => a.warnings)).toBe(false);
  });

  it('warns on an edit that sends a live pin to another destination, not on a UTM change', () => {
    const p = plan({ desired: [moved], ledger: ledger(), settings: settings(), now: NOW });
    expect(p.actions[0]).toMatchObject({
      kind: 'update',
      warnings: [{ code: 'link-changed', message: 'the edit sends live pin p-boots to https://other.example.com/sale instead of https://shop.example.com/boots' }],
    });
    const md = planMarkdown(p);
    expect(md).toContain('⚠️ link-changed: the edit sends live pin p-boots');
    expect(md).toContain('community guidelines');
    expect(planObject(p).actions[0]?.warnings?.[0]?.code).toBe('link-changed');
    const retagged = { ...live, link: 'https://shop.example.com/boots?utm_campaign=winter', contentFingerprint: 'c-retagged' };
    expect(plan({ desired: [retagged], ledger: ledger(), settings: settings(), now: NOW }).actions[0]).toMatchObject({ kind: 'update' });
    expect(plan({ desired: [retagged], ledger: ledger(), settings: settings(), now: NOW }).actions[0]?.warnings).toBeUndefined();
  });

  it('at `error` the pin is invalid and nothing is sent for it; at `off` nothing is said', () => {
    const strict = plan({ desired: [moved, copy], ledger: ledger(), settings: settings({ 'link-changed': 'error', 'same-media-and-link': 'error' }), now: NOW });
    expect(strict.actions.map((a) => [a.key, a.kind])).toEqual([
      ['boots', 'invalid'],
      ['boots-again', 'invalid'],
    ]);
    expect(strict.actions[0]?.reason).toContain('(link-changed, an error by `lint:` in pinops.yml)');
    const quiet = plan({ desired: [moved, copy], ledger: ledger(), settings: settings({ 'link-changed': 'off', 'same-media-and-link': 'off' }), now: NOW });
    expect(quiet.actions.map((a) => [a.key, a.kind, a.warnings])).toEqual([
      ['boots-again', 'create', undefined],
      ['boots', 'update', undefined],
    ]);
  });
});
