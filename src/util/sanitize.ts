// Data may hold escape sequences, bidi overrides and other invisible characters. Everything that
// reaches a terminal goes through `sanitize`, which shows them visibly instead of obeying them.

const BIDI_AND_INVISIBLE =
  /[\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]/;
// C0 controls, DEL, C1 controls, bidi controls, zero-width and line/paragraph separators.
const UNSAFE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]/g;

function escapeChar(ch: string): string {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x20) return `^${String.fromCharCode(cp + 0x40)}`;
  if (cp === 0x7f) return '^?';
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

/** Escape every control, bidi and zero-width character; keep newlines when `keepNewlines`. */
export function sanitize(text: string, keepNewlines = false): string {
  return text.replace(UNSAFE, (ch) => (keepNewlines && ch === '\n' ? ch : escapeChar(ch)));
}

export function hasUnsafe(text: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(text);
  UNSAFE.lastIndex = 0;
  return found || BIDI_AND_INVISIBLE.test(text);
}

/**
 * JSON for machines: JSON.stringify leaves DEL, C1, bidi and U+2028/9 raw; escape them as \uXXXX
 * so that the text is still the same JSON value but safe to print.
 */
export function safeJson(value: unknown, indent?: number): string {
  // JSON.stringify gives undefined (not text) for undefined, functions and symbols; JSON has null.
  return (JSON.stringify(value, null, indent) ?? 'null').replace(
    /[\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]/g,
    (ch) => `\\u${ch.codePointAt(0)!.toString(16).padStart(4, '0')}`,
  );
}
