// YAML text to plain values, refusing everything a fact file has no use for: aliases, tags,
// deep nesting, several documents, non-finite or inexact numbers. Nothing here expands an alias
// or builds an object with an inherited prototype.
import { Lexer, Parser, isAlias, isMap, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import type { Document, Node as YamlNode } from 'yaml';
import type { PathSeg } from '../schema/refs.js';

/** Deepest nesting of collections accepted; measured on the CST before any object is built. */
export const MAX_DEPTH = 64;

const YAML_OPTIONS = {
  version: '1.2',
  schema: 'core',
  resolveKnownTags: false,
  stringKeys: true,
  uniqueKeys: true,
  merge: false,
  strict: true,
  prettyErrors: false,
  keepSourceTokens: false,
} as const;

interface Problem {
  code: string;
  offset: number;
  args?: Record<string, unknown>;
}

/**
 * Most lexical tokens accepted in one file. Real fact files run about 0.2 tokens a character, so
 * a 5 MiB file of records stays under it; 5 MiB of dense `[x,x,...]` would not (it took 34 s and
 * 2.9 GB to parse). At the limit, parsing costs a few seconds and a few hundred MB at worst.
 */
export const MAX_TOKENS = 1_000_000;

const COLLECTIONS = new Set(['block-map', 'block-seq', 'flow-collection']);

type Deep = { depth: number; offset: number };
type CstNode = {
  type?: string;
  offset?: number;
  value?: unknown;
  items?: Array<{ key?: unknown; value?: unknown }>;
};

/**
 * Deepest collection nesting in the text and where it first crosses the limit. The CST is built
 * one lexical token at a time and the parser's stack (the chain of nodes being built) is checked
 * as it grows, so a file of five million `[` stops at the 65th instead of building them all.
 * The stack can be one level short where a finished flow collection turns out to be the key of
 * a new block mapping (`[a]: b`), so each finished document is also walked once, exactly.
 */
export function measureDepth(
  text: string,
  limit = MAX_DEPTH,
  maxTokens = MAX_TOKENS,
): Deep | { tokens: number } | null {
  const parser = new Parser();
  const finished = (tokens: Iterable<unknown>): Deep | null => {
    let found: Deep | null = null;
    for (const doc of tokens) found ??= deepestIn(doc, limit);
    return found;
  };
  let tokens = 0;
  for (const lexeme of new Lexer().lex(text)) {
    if (++tokens > maxTokens) return { tokens };
    const done = finished(parser.next(lexeme));
    if (done) return done;
    // the stack holds at least one entry per open collection, so a short stack is shallow enough
    if (parser.stack.length > limit) {
      let depth = 0;
      for (const tok of parser.stack)
        if (COLLECTIONS.has(tok.type) && ++depth > limit) return { depth, offset: tok.offset };
    }
  }
  return finished(parser.end());
}

/** The first collection (in text order) nested deeper than the limit in a finished CST token. */
function deepestIn(token: unknown, limit: number): Deep | null {
  const stack: Array<[unknown, number]> = [[token, 0]];
  while (stack.length > 0) {
    const [t, depth] = stack.pop()!;
    if (t === null || typeof t !== 'object') continue;
    const tok = t as CstNode;
    let d = depth;
    if (tok.type !== undefined && COLLECTIONS.has(tok.type) && ++d > limit)
      return { depth: d, offset: tok.offset ?? 0 };
    // children pushed last-first, so they are visited in text order
    const children: unknown[] = [tok.value];
    for (const item of tok.items ?? []) children.push(item.key, item.value);
    for (let i = children.length - 1; i >= 0; i--)
      if (children[i] !== undefined && children[i] !== null) stack.push([children[i], d]);
  }
  return null;
}

export interface ParsedYaml {
  docs: Document.Parsed[];
  /** Candidate records: each item of a top-level list, or the single top-level mapping. */
  items: Array<{ value: unknown; doc: number; path: PathSeg[] }>;
  problems: Problem[];
  /** Paths whose value already has a diagnostic, so schema checks do not repeat it. */
  reported: Set<string>;
}

const typeName = (n: unknown): string =>
  isMap(n)
    ? 'a mapping'
    : isSeq(n)
      ? 'a list'
      : isScalar(n)
        ? n.value === null
          ? 'null'
          : `a ${typeof n.value}`
        : 'an alias';

export const pathKey = (doc: number, path: readonly PathSeg[]) => `${doc}/${path.join('\u0000')}`;

/**
 * `maxAliases`: report only the first so many aliases (in document order). Any cap on the
 * diagnostics of a file that keeps the first N by position loses nothing when this is above N,
 * and a file of a million aliases does not make a million problems.
 */
export function parseYaml(text: string, maxAliases = Infinity): ParsedYaml {
  const problems: Problem[] = [];
  let aliases = 0;
  const reported = new Set<string>();
  const items: ParsedYaml['items'] = [];

  const tooDeep = measureDepth(text);
  if (tooDeep) {
    if ('tokens' in tooDeep)
      problems.push({ code: 'too-many-tokens', offset: 0, args: { limit: MAX_TOKENS } });
    else problems.push({ code: 'too-deep', offset: tooDeep.offset, args: { limit: MAX_DEPTH } });
    return { docs: [], items, problems, reported };
  }

  const docs = parseAllDocuments(text, YAML_OPTIONS);
  const list: Document.Parsed[] = [...docs];
  if ('empty' in docs) {
    // An empty stream (nothing, or only comments) still carries stream-level errors.
    for (const e of docs.errors)
      problems.push({ code: yamlCode(e.code), offset: e.pos[0], args: { detail: e.message } });
  }

  list.forEach((doc, di) => {
    if (di > 0) problems.push({ code: 'multiple-documents', offset: doc.range[0] });
    if (doc.directives?.yaml.explicit) {
      // The header is a line starting with %YAML between the previous document and this one
      // (yaml carries it over to later documents that have none of their own: warn once).
      const at = directiveOffset(text, di === 0 ? 0 : list[di - 1]!.range[2], doc.range[0]);
      if (at >= 0 || di === 0)
        problems.push({
          code: 'yaml-directive',
          offset: Math.max(0, at),
          args: { version: doc.directives.yaml.version },
        });
    }
    let broken = doc.errors.length > 0;
    for (const e of doc.errors)
      problems.push({ code: yamlCode(e.code), offset: e.pos[0], args: { detail: e.message } });
    for (const w of doc.warnings) {
      if (w.code === 'TAG_RESOLVE_FAILED') {
        broken = true;
        problems.push({ code: 'yaml-tag', offset: w.pos[0], args: { tag: tagOf(w.message) } });
      } else
        problems.push({ code: yamlCode(w.code), offset: w.pos[0], args: { detail: w.message } });
    }
    visit(doc, {
      Alias(_, node) {
        broken = true;
        if (++aliases > maxAliases) return visit.BREAK;
        problems.push({
          code: 'yaml-alias',
          offset: node.range?.[0] ?? 0,
          args: { alias: `*${node.source}` },
        });
        return undefined;
      },
    });
    if (broken) return;

    const root = doc.contents;
    if (
      root === null ||
      (isScalar(root) && root.value === null && root.range[0] === root.range[1])
    ) {
      if (list.length === 1) problems.push({ code: 'empty-file', offset: 0 });
      return;
    }
    const convert = (node: unknown, path: PathSeg[]): unknown =>
      toPlain(node, path, di, problems, reported);
    if (isSeq(root)) {
      root.items.forEach((item, i) => {
        if (isMap(item)) items.push({ value: convert(item, [i]), doc: di, path: [i] });
        else
          problems.push({
            code: 'record-not-mapping',
            offset: nodeOffset(item),
            args: { type: typeName(item) },
          });
      });
    } else if (isMap(root)) items.push({ value: convert(root, []), doc: di, path: [] });
    else
      problems.push({
        code: 'not-records',
        offset: nodeOffset(root),
        args: { type: typeName(root) },
      });
  });
  if (list.length === 0 && problems.length === 0) problems.push({ code: 'empty-file', offset: 0 });
  return { docs: list, items, problems, reported };
}

/** Offset of the first `%YAML` directive line in text[from, to), or -1. */
function directiveOffset(text: string, from: number, to: number): number {
  const re = /^%YAML(?=[ \t\r\n]|$)/gm;
  re.lastIndex = from;
  const m = re.exec(text);
  return m && m.index < to ? m.index : -1;
}

const nodeOffset = (n: unknown): number => {
  const r = (n as { range?: [number, number, number] } | null)?.range;
  return r ? r[0] : 0;
};

/** `DUPLICATE_KEY` -> `yaml-duplicate-key`. */
const yamlCode = (code: string) => `yaml-${code.toLowerCase().replace(/_/g, '-')}`;

const tagOf = (msg: string) =>
  /Unresolved tag: (.*)$/.exec(msg)?.[1]?.replace(/^tag:yaml\.org,2002:/, '!!') ?? '?';

function toPlain(
  node: unknown,
  path: PathSeg[],
  doc: number,
  problems: Problem[],
  reported: Set<string>,
): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = Object.create(null);
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      // defineProperty: a key named __proto__ stays an own, inert property
      Object.defineProperty(out, key, {
        value: toPlain(pair.value, [...path, key], doc, problems, reported),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  if (isSeq(node))
    return node.items.map((item, i) => toPlain(item, [...path, i], doc, problems, reported));
  if (isScalar(node)) {
    const v = node.value;
    if (typeof v === 'number') {
      const text = node.source ?? String(v);
      if (!Number.isFinite(v)) {
        problems.push({ code: 'non-finite-number', offset: node.range![0], args: { text } });
        reported.add(pathKey(doc, path));
      } else if (Number.isInteger(v) && !Number.isSafeInteger(v)) {
        problems.push({ code: 'unsafe-integer', offset: node.range![0], args: { text } });
        reported.add(pathKey(doc, path));
      }
    }
    return v;
  }
  if (isAlias(node)) return undefined;
  return node === null ? null : undefined;
}

/** The YAML node at a path inside a document, and the key node when the last step is a map key. */
export function nodeAt(
  doc: Document.Parsed,
  path: readonly PathSeg[],
): { node: YamlNode | null; key: YamlNode | null } {
  let node: unknown = doc.contents;
  let key: YamlNode | null = null;
  for (const seg of path) {
    if (isMap(node)) {
      const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return { node: node as YamlNode, key: null };
      key = pair.key as YamlNode;
      node = pair.value;
    } else if (isSeq(node) && typeof seg === 'number' && node.items[seg] !== undefined) {
      key = null;
      node = node.items[seg];
    } else break;
  }
  return { node: (node as YamlNode) ?? null, key };
}
