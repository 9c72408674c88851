import type { Position } from '../diagnostics/diagnostic.js';

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

export type DecodeResult = { ok: true; text: string } | { ok: false; reason: 'not-text' | 'invalid-encoding' | 'empty-file'; position: Position; detail: string };

/**
 * Turns a pin file's bytes into text. Binary files (a NUL byte early on) and invalid UTF-8 are
 * refused with the position of the first bad byte, so the user can find it. A BOM is dropped.
 */
export function decodeText(bytes: Uint8Array): DecodeResult {
  const sniff = bytes.subarray(0, 8000);
  if (sniff.includes(0)) return { ok: false, reason: 'not-text', position: { line: 1, column: 1 }, detail: 'the file holds binary data (NUL bytes), not text' };
  let text: string;
  try {
    text = decoder.decode(bytes);
  } catch {
    const offset = firstInvalidUtf8(bytes);
    const position = positionOfByte(bytes, offset);
    const hex = bytes[offset]?.toString(16).padStart(2, '0') ?? '??';
    return { ok: false, reason: 'invalid-encoding', position, detail: `the file is not valid UTF-8 (byte 0x${hex} at line ${position.line}, column ${position.column})` };
  }
  return checkText(text);
}

/** Text already decoded (by a one-call UTF-8 read): refuses an empty file and drops a BOM. */
export function checkText(text: string): DecodeResult {
  if (text.trim() === '') return { ok: false, reason: 'empty-file', position: { line: 1, column: 1 }, detail: 'the file is empty' };
  return { ok: true, text: text.charCodeAt(0) === 0xfeff ? text.slice(1) : text };
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] as number;
    let n = 0;
    let min = 0;
    if (c < 0x80) n = 0;
    else if (c >= 0xc2 && c <= 0xdf) n = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else return i;
    if (i + n >= b.length && n > 0) return i;
    let cp = n === 0 ? c : c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k] as number;
      if ((cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (n > 1 && (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))) return i;
    i += n + 1;
  }
  return b.length;
}

/** 1-based line and column (in characters) of a byte offset in valid-so-far UTF-8. */
function positionOfByte(b: Uint8Array, offset: number): Position {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++)
    if (b[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  const before = new TextDecoder().decode(b.subarray(lineStart, offset));
  return { line, column: [...before].length + 1 };
}
