import { describe, expect, it } from 'vitest';
import { simpleLink, tagLink } from '../../src/content/utm.js';
import { linkKey } from '../../src/plan/budget.js';

// The two as they were written first, with URL objects: the quick way must give their text.
function tagByUrl(link: string, params: [string, string][]): string {
  if (!URL.canParse(link)) return link;
  const url = new URL(link);
  const query = new URLSearchParams(url.search);
  for (const [name, value] of params) if (!query.has(name)) query.append(name, value);
  url.search = query.toString();
  return url.href;
}
function keyByUrl(link: string): string {
  if (!link.includes('utm_')) return link;
  try {
    const u = new URL(link);
    for (const k of [...u.searchParams.keys()]) if (k.startsWith('utm_')) u.searchParams.delete(k);
    return u.href;
  } catch {
    return link;
  }
}

describe('links read as text', () => {
  // Each list starts with the parts of links the quick way reads, then what it must leave to the URL parser.
  const starts = ['https://', 'http://', 'HTTPS://', 'ftp://', 'https://user@', ''];
  const hosts = [
    'shop.example.com',
    'a.b',
    'localhost',
    'Shop.Example.com',
    'xn--nxasmq6b.com',
    'xn--zz.com',
    '1.2.3.4',
    'shop.123',
    'a..b',
    '-a.com',
    'ü.de',
    'a.b:443',
    'a.b:8080',
  ];
  const paths = ['/p/1', '/', '/~x', '/a.b/', '', '/p/./q', '/p/../q', '/.', '/a/..', '/%7e', '/a b', "/it's"];
  const queries = [
    '?ref=pin',
    '?a=1&b=2',
    '',
    '?utm_source=x',
    '?a=1&utm_campaign=k&b=',
    '?x=*._-',
    '?',
    '?a',
    '?a=b c',
    '?a=%20',
    '?a=1&&b=2',
    '?a=~',
    '?a=+',
    '?utm_a=1&utm_b=2',
  ];
  const ends = ['', '', '#f', '#utm_x'];
  let seed = 5;
  const rand = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    // The high bits: the low ones of this generator repeat with a short period.
    return Math.floor(seed / 65536) % n;
  };
  const pick = <T>(xs: readonly T[]): T => xs[rand(2) ? rand(3) : rand(xs.length)] as T;
  const PARAMS: [string, string][][] = [
    [
      ['utm_source', 'pinterest'],
      ['utm_campaign', 'boots-1'],
    ],
    [['utm_medium', 'social media']],
    [['ref', 'x']],
    [['utm_term', '']],
    [['', 'x']],
  ];

  it('tags and keys 20,000 links as URL objects would', () => {
    let simple = 0;
    for (let i = 0; i < 20_000; i++) {
      const link = `${pick(starts)}${pick(hosts)}${pick(paths)}${pick(queries)}${pick(ends)}`;
      if (simpleLink(link)) simple++;
      const params = pick(PARAMS);
      const key = pick(['boots', 'winter/boots', 'a#1']);
      const utm = Object.fromEntries(params) as Record<string, string>;
      // tagLink takes the pin's parameters over the (empty) defaults, utm_campaign defaulting to the key.
      const tagged = tagLink(link, key, utm, {});
      expect(tagged, link).toBe(tagByUrl(link, Object.entries({ ...utm, utm_campaign: utm.utm_campaign ?? key.replace(/[/#]/g, '-') })));
      // The same parameters as the defaults of a pin without its own `utm` (the defaults' list is kept between pins).
      expect(tagLink(link, key, undefined, utm), link).toBe(tagged);
      expect(linkKey(tagged), tagged).toBe(keyByUrl(tagged));
      expect(linkKey(link), link).toBe(keyByUrl(link));
    }
    expect(simple).toBeGreaterThan(1000);
  });
});
