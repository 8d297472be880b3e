// Bytes to text, refusing what is not clean UTF-8 text, with the position of the first bad byte.
export type TextProblem = {
  code: 'not-utf8' | 'nul-byte' | 'bom-mid-file' | 'lone-cr';
  offset: number;
};

/** Byte offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let n: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [n, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [n, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [n, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * Decode a data file. A leading BOM is dropped; a BOM elsewhere, a NUL, a lone CR or a byte that
 * is not UTF-8 is a problem at its position (as a UTF-16 offset into the decoded prefix).
 */
export function decode(bytes: Uint8Array): { text: string; problems: TextProblem[] } {
  const bad = firstInvalidUtf8(bytes);
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  if (bad >= 0) {
    const prefix = decoder.decode(bytes.subarray(0, bad));
    return { text: prefix, problems: [{ code: 'not-utf8', offset: prefix.length }] };
  }
  const text = decoder.decode(bytes);
  const problems: TextProblem[] = [];
  const nul = text.indexOf('\0');
  if (nul >= 0) problems.push({ code: 'nul-byte', offset: nul });
  const bom = text.indexOf('\ufeff');
  if (bom >= 0) problems.push({ code: 'bom-mid-file', offset: bom });
  const cr = /\r(?!\n)/.exec(text);
  if (cr) problems.push({ code: 'lone-cr', offset: cr.index });
  return { text, problems };
}

/** A text to store as a source's text, or why it cannot be one (`offset`: of the first bad byte). */
export type StoredText =
  | { ok: true; text: string }
  | { ok: false; problem: 'not-utf8' | 'nul-byte'; offset: number }
  | { ok: false; problem: 'empty' };

/**
 * Bytes as a source text is stored: UTF-8 only (a byte that is not, or a NUL, which marks a binary
 * file, refused at its byte offset), a leading BOM dropped, CRLF and lone CR as LF, and one line
 * break at the end; a text with nothing but white space is refused.
 */
export function storedText(bytes: Uint8Array): StoredText {
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) return { ok: false, problem: 'not-utf8', offset: bad };
  const nul = bytes.indexOf(0);
  if (nul >= 0) return { ok: false, problem: 'nul-byte', offset: nul };
  return normalizedText(new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes));
}

/** Decoded text as it is stored (storedText's rules after decoding); `empty` for white space only. */
export function normalizedText(decoded: string): StoredText {
  const text = decoded
    .replace(/^\ufeff/, '')
    .replace(/\r\n?/g, '\n')
    .replace(/\n+$/, '');
  return text.trim() === '' ? { ok: false, problem: 'empty' } : { ok: true, text: `${text}\n` };
}
