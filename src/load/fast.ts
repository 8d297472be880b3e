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

/** True when the lexer shows nothing the fast path cannot read exactly as the strict path does. */
function plainEnough(text: string): boolean {
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
