// The fast path for reading a data file: js-yaml parses about ten times faster than `yaml`, but
// it expands aliases, knows other number forms and has no limits. So it is used only on text
// that yaml's own lexer shows to be plain (no anchor, alias, tag, directive, document marker,
// explicit key, tab, or plain scalar whose type the two parsers could resolve differently), and
// only when the result is exactly what the strict path accepts without a word: a list of
// mappings or one mapping, shallow enough, numbers finite and exact. Anything else returns null
// and the strict path (load/yaml.ts) parses the file and locates its problems. The two are
// proved to agree on the test corpus (test/fast-parse.test.ts).
import jsyaml from 'js-yaml';
import { CST, Lexer } from 'yaml';
import type { PathSeg } from '../schema/refs.js';
import { MAX_DEPTH, MAX_TOKENS } from './yaml.js';

export interface FastItem {
  value: Record<string, unknown>;
  doc: 0;
  path: PathSeg[];
}

/** Token kinds that the fast path leaves to the strict one. */
const REFUSED = new Set([
  'anchor',
  'alias',
  'tag',
  'directive-line',
  'doc-start',
  'doc-end',
  'explicit-key-ind',
  'byte-order-mark',
  'flow-error-end',
  'comment-in-flow',
]);

// Plain scalars both parsers read as the same decimal number, or as the same string.
const SIMPLE_NUMBER = /^-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/;
// Starts like a number and uses only characters some number form of either parser is made of
// ("0x1F", ".inf", "1_000", "12:30"); "1.2 million tons" or "000_a1.txt" are strings to both.
const NUMBERISH = /^[-+.0-9][-+.0-9_:a-fA-FxXoOinNI]*$/;
const WORDS = /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;

/** True when nothing in the text stops the fast path from reading it as the strict path does. */
function plainEnough(text: string): boolean {
  return plainLines(text) || plainTokens(text);
}

// ---------------------------------------------------------------------------------------------
// A quicker proof for text written the way fact files are (about ten times faster than the lexer,
// which was a third of a cold build): every line is blank, a comment, or sequence dashes before
// `key: value` or a value, where a value is a plain scalar, a quoted scalar closed on its line, a
// flow collection closed on its line, or a block scalar header (`>-`) whose lines follow, more
// indented. Anything else, or any doubt, is left to the lexer (plainTokens). It only ever says
// yes where plainTokens does (test/fast-parse.test.ts checks that on the corpus and on generated
// text): it looks at every plain scalar plainTokens would, with the same tests, and refuses
// outright the characters and line shapes that make the tokens it refuses.

/** Control characters (tab and CR among them), C1 controls, line separators, a byte order mark. */
const UNSAFE_CHARS = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/;
/** A key the scanner reads: a plain word; anything else (quoted, typed) goes to the lexer. */
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
/** A plain scalar may start with anything but an indicator (or `-` before a digit: a number). */
const PLAIN_START = /^(?:[^-?:,[\]{}#&*!|>'"%@`\s]|-[0-9])/;
/** A double-quoted scalar, closed on its line (backslash escapes skipped). */
const DOUBLE = /^"(?:[^"\\]|\\.)*"/;
/** A single-quoted scalar, closed on its line (`''` is a quote). */
const SINGLE = /^'(?:[^']|'')*'/;
/** What may follow a value on its line: spaces, and a comment after at least one. */
const REST = /^(?: +(?:#.*)?)?$/;
/**
 * The largest text the scanner reads: plainTokens also refuses a text of more than MAX_TOKENS
 * tokens, and a token is at least one character but for the markers the lexer adds before a
 * scalar (one each), so this many characters stay under the limit.
 */
const MAX_SCANNED = Math.floor(MAX_TOKENS / 4);

/** A plain scalar plainTokens lets through: a number both parsers read alike, or a string. */
const plainOk = (s: string): boolean => !NUMBERISH.test(s) || SIMPLE_NUMBER.test(s);

/**
 * What a line leaves open for the lines after it: a block scalar, whose lines are those indented
 * past `above`; or a plain scalar, which a line indented past `above` would go on (the scanner
 * leaves that to the lexer: what such a line holds is part of the scalar, not what it seems).
 */
type Open = { block: boolean; above: number } | null;

/** True when every line has one of the shapes above (then plainTokens is true too). */
export function plainLines(text: string): boolean {
  if (text.length > MAX_SCANNED || UNSAFE_CHARS.test(text)) return false;
  let open: Open = null;
  // the indentation of the block scalar's lines, once its first line is seen
  let blockIndent = -1;
  let pos = 0;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end);
    pos = end + 1;
    let i = 0;
    while (line.charCodeAt(i) === 32) i++;
    if (i === line.length) {
      // a line of spaces in a block scalar: where its indentation stands is the lexer's call
      if (open?.block && i > 0) return false;
      continue;
    }
    if (open?.block) {
      if (blockIndent < 0 && i > open.above) blockIndent = i;
      if (blockIndent >= 0 && i >= blockIndent) continue;
      // less indented than the scalar's lines but more than its key: the lexer decides
      if (i > open.above) return false;
      blockIndent = -1;
    } else if (open && i > open.above && line.charCodeAt(i) !== 35 /* # */) return false;
    open = null;
    if (line.charCodeAt(i) === 35 /* # */) continue;
    const body = lineBody(line, i);
    if (body === undefined) return false;
    open = body;
  }
  return true;
}

/**
 * One line's dashes and `key: value` or value, from column i: what it leaves open (see Open), or
 * undefined when the scanner cannot vouch for it.
 */
function lineBody(line: string, i: number): Open | undefined {
  let c = i;
  // the column that the lexer indents a value's further lines past: the last dash's, or the key's
  let above = -1;
  while (line.charCodeAt(c) === 45 /* - */) {
    const next = line.charCodeAt(c + 1);
    if (Number.isNaN(next)) return null; // a dash that ends the line: what follows is nested
    if (next !== 32) break;
    above = c;
    c += 2;
    while (line.charCodeAt(c) === 32) c++;
  }
  const rest = line.slice(c);
  let value = rest;
  // a key is a plain word: a line that starts with a quote or a bracket holds a value
  const colon = /^["'[{]/.test(rest) ? -1 : rest.indexOf(':');
  if (colon > 0 && (colon === rest.length - 1 || rest.charCodeAt(colon + 1) === 32)) {
    const key = rest.slice(0, colon);
    if (!KEY.test(key) || WORDS.test(key)) return undefined;
    above = c;
    value = rest.slice(colon + 1);
    let v = 0;
    while (value.charCodeAt(v) === 32) v++;
    // no value on the line (what follows is nested), or only a comment after a space
    if (v === value.length) return null;
    if (value.charCodeAt(v) === 35 /* # */) return v > 0 ? null : undefined;
    value = value.slice(v);
  }
  // a document that is one scalar: any line after it goes on with it
  if (above < 0) return undefined;
  return lineValue(value, above);
}

/** A value that ends a line (see lineBody); `above` as there. */
function lineValue(v: string, above: number): Open | undefined {
  const first = v.charCodeAt(0);
  if (first === 62 /* > */ || first === 124 /* | */)
    return /^[>|][-+]?$/.test(v) ? { block: true, above } : undefined;
  let end: number;
  if (first === 34 /* " */ || first === 39 /* ' */) end = quotedEnd(v, 0);
  else if (first === 123 /* { */ || first === 91 /* [ */) end = flowEnd(v, 0);
  else {
    if (!PLAIN_START.test(v)) return undefined;
    // a comment ends a plain scalar; `: ` in it, or a `:` ending it, would make it a key
    const hash = v.indexOf(' #');
    const s = (hash < 0 ? v : v.slice(0, hash)).trimEnd();
    if (s.includes(': ') || s.endsWith(':') || !plainOk(s)) return undefined;
    return { block: false, above };
  }
  return end >= 0 && REST.test(v.slice(end)) ? null : undefined;
}

/** Where a quoted scalar starting at p ends (just past its closing quote), or -1. */
function quotedEnd(s: string, p: number): number {
  const m = (s.charCodeAt(p) === 34 ? DOUBLE : SINGLE).exec(s.slice(p));
  if (!m) return -1;
  // plainTokens' test for a closing quote that a backslash escapes (never so here, but the same)
  if (m[0].startsWith('"') && /(?:^|[^\\])(?:\\\\)*\\"$/.test(m[0])) return -1;
  return p + m[0].length;
}

/**
 * Where a flow collection starting at p ends (just past its closing bracket), or -1: its items
 * plain scalars, quoted scalars or flow collections, a mapping's keys plain words, no comment,
 * no empty item, no trailing comma and no pair in a list.
 */
function flowEnd(s: string, p: number): number {
  const map = s.charCodeAt(p) === 123;
  const close = map ? '}' : ']';
  let q = skipSpaces(s, p + 1);
  if (s[q] === close) return q + 1;
  for (;;) {
    if (map) {
      const m = /^([A-Za-z_][A-Za-z0-9_-]*): +/.exec(s.slice(q));
      if (!m || WORDS.test(m[1]!)) return -1;
      q += m[0].length;
    }
    q = flowItemEnd(s, q);
    if (q < 0) return -1;
    q = skipSpaces(s, q);
    if (s[q] === close) return q + 1;
    if (s[q] !== ',') return -1;
    q = skipSpaces(s, q + 1);
    if (s[q] === close) return -1;
  }
}

/** Where one item of a flow collection starting at p ends, or -1. */
function flowItemEnd(s: string, p: number): number {
  const first = s.charCodeAt(p);
  if (first === 34 || first === 39) return quotedEnd(s, p);
  if (first === 123 || first === 91) return flowEnd(s, p);
  const m = /^[^,[\]{}#:]+/.exec(s.slice(p));
  if (!m) return -1;
  const item = m[0].trimEnd();
  if (item === '' || !PLAIN_START.test(item) || !plainOk(item)) return -1;
  // a `:` (a pair, or part of a scalar) or `#` after it: the lexer decides
  const after = s.charCodeAt(p + m[0].length);
  if (after === 58 || after === 35) return -1;
  return p + item.length;
}

const skipSpaces = (s: string, p: number): number => {
  let q = p;
  while (s.charCodeAt(q) === 32) q++;
  return q;
};

// ---------------------------------------------------------------------------------------------

/** True when the lexer shows nothing the fast path cannot read exactly as the strict path does. */
export function plainTokens(text: string): boolean {
  let tokens = 0;
  let scalarNext = false;
  let lastSignificant = '';
  // a plain key both parsers could type (`1.0:`, `True:`): yaml keeps its text, js-yaml converts it
  let typedPlain = false;
  for (const lexeme of new Lexer().lex(text)) {
    if (++tokens > MAX_TOKENS) return false;
    if (scalarNext) {
      scalarNext = false;
      const first = lexeme[0];
      // quoted and block scalars are strings in both parsers; a plain one is checked
      if (first !== '"' && first !== "'" && lastSignificant !== 'block-scalar-header') {
        const numberish = NUMBERISH.test(lexeme);
        if (numberish && !SIMPLE_NUMBER.test(lexeme)) return false;
        if (lexeme.includes('\t')) return false;
        typedPlain = numberish || WORDS.test(lexeme);
      } else typedPlain = false;
      lastSignificant = 'scalar';
      continue;
    }
    const type = CST.tokenType(lexeme);
    if (type === 'scalar') {
      scalarNext = true;
      continue;
    }
    if (type === null) {
      // a quoted scalar's source comes without a marker
      if (lexeme.includes('\t')) return false;
      typedPlain = false;
      lastSignificant = 'scalar';
      continue;
    }
    if (REFUSED.has(type)) return false;
    if (type === 'double-quoted-scalar' || type === 'single-quoted-scalar') {
      // over several lines, or closed by a quote its backslash escapes ("\\" read by yaml as a
      // whole scalar, by js-yaml as one that goes on): the two parsers may not agree
      if (lexeme.includes('\n')) return false;
      if (type === 'double-quoted-scalar' && /(?:^|[^\\])(?:\\\\)*\\"$/.test(lexeme)) return false;
    }
    if (type === 'space' || type === 'newline' || type === 'comment') {
      if (type === 'space' && lexeme.includes('\t')) return false;
      continue;
    }
    // a key must be a plain string or a quoted scalar: a flow collection (`[a]: b`), an empty key
    // or a typed plain key would give yaml and js-yaml different keys
    if (type === 'map-value-ind' && (lastSignificant !== 'scalar' || typedPlain)) return false;
    lastSignificant = type;
  }
  return true;
}

/** A value the strict path would report on, or deeper than the limit. */
function unusual(root: unknown): boolean {
  const stack: Array<[unknown, number]> = [[root, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || (Number.isInteger(v) && !Number.isSafeInteger(v))) return true;
    } else if (v !== null && typeof v === 'object') {
      if (depth + 1 > MAX_DEPTH) return true;
      if (Array.isArray(v)) for (const x of v) stack.push([x, depth + 1]);
      else if (Object.getPrototypeOf(v) === Object.prototype)
        for (const x of Object.values(v)) stack.push([x, depth + 1]);
      else return true;
    }
  }
  return false;
}

const isMapping = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** The records of a file, or null when the strict path must read it. */
export function fastParse(text: string): FastItem[] | null {
  if (!plainEnough(text)) return null;
  let root: unknown;
  try {
    root = jsyaml.load(text, { schema: jsyaml.CORE_SCHEMA });
  } catch {
    return null; // a syntax error, a duplicate key, several documents, a stack overflow...
  }
  if (unusual(root)) return null;
  if (Array.isArray(root)) {
    if (root.length === 0 || !root.every(isMapping)) return null;
    return root.map((value, i) => ({ value, doc: 0, path: [i] }));
  }
  return isMapping(root) ? [{ value: root, doc: 0, path: [] }] : null;
}
