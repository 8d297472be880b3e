// The canonical layout of a data file, for `minerals fmt`: a parsed YAML document in, its text out.
// The document's nodes are restyled in place and printed by yaml itself, so every comment stays
// where it was (the head comment with its schema modeline, comments between records and inside
// them) and the content is the same: only the layout changes. The rules, chosen so the shipped
// data needed the fewest changes:
// - keys: a record's in its kind's schema order (id, kind, name, aliases, the kind's own fields,
//   description, citations, then the cited lists: roles, claims), a claim's, citation's,
//   quantity's, date's ... likewise; keys the schema does not know keep their order after the
//   known ones, and a record of no known kind keeps its own order;
// - flow mappings for the small value objects: quantity and basis, a deal's parties, and a date
//   that gives no reason (`when: {on: '2025', part: late}`); block for everything else;
// - a list of scalars in flow (`aliases: [a, b]`) when its line fits 100 columns, else a block;
// - strings plain where YAML 1.2 and 1.1 both read them back as the same string, else in single
//   quotes (double where the string holds a ' and no ", or a character only double quotes can
//   write); a date-like string (2024-12) always in single quotes, for readers that take it for
//   a date;
// - prose (description, note, reason, tension, text, rank_reason) folded (`>-`) at 100 columns
//   when its line would pass them; every other string stays on one line whatever its length
//   (a quote is verbatim text, found by grep as the source has it);
// - one blank line before each record of a list, other blank lines and comments as written.
import {
  type Document,
  Document as YamlDocument,
  isMap,
  isScalar,
  isSeq,
  type Node,
  Scalar,
  type ScalarTag,
  type Tags,
  type YAMLMap,
  type YAMLSeq,
} from 'yaml';
import { z } from 'zod';
import { Party, RECORD_SCHEMAS } from '../schema/records.js';
import { Basis, DateObject, Quantity } from '../schema/values.js';

/** The width lists are fitted to and prose is folded at. */
const LINE_WIDTH = 100;

/** yaml folds a line before it reaches its width: lines of up to LINE_WIDTH columns. */
const FOLD_WIDTH = LINE_WIDTH + 1;

/** Keys whose strings are prose: folded when long. */
const PROSE = new Set(['description', 'note', 'reason', 'tension', 'text', 'rank_reason']);

/** Value objects always written in flow. */
const FLOW_OBJECTS = new Set<z.ZodType>([Quantity, Basis, Party]);

/** A date-like string, quoted though YAML 1.2 reads it as a string: YAML 1.1 readers may not. */
const DATE_LIKE = /^\d{4}(-\d{2}){1,2}$/;

const STRING_TAG = 'tag:yaml.org,2002:str';

/**
 * The string tag, printing a folded scalar at the line width and every other string on one line:
 * yaml has one line width for a whole document, and the document is printed with none.
 */
const stringsOnOneLine = (tags: Tags): Tags =>
  tags.map((t) => {
    if (typeof t === 'string' || t.tag !== STRING_TAG || !t.stringify) return t;
    const written = t.stringify;
    const tag: ScalarTag = {
      ...t,
      stringify: (item, ctx, ...rest) =>
        written(
          item,
          ctx.implicitKey
            ? // a key is plain where YAML's syntax allows: the loader reads every key as a string
              { ...ctx, actualString: false }
            : (item as Scalar).type === Scalar.BLOCK_FOLDED
              ? { ...ctx, options: { ...ctx.options, lineWidth: FOLD_WIDTH } }
              : ctx,
          ...rest,
        ),
    };
    return tag;
  });

const SCHEMA_OPTIONS = {
  schema: 'core',
  compat: 'yaml-1.1',
  customTags: stringsOnOneLine,
} as const;
const PRINT_OPTIONS = {
  lineWidth: 0,
  indent: 2,
  indentSeq: true,
  singleQuote: true,
  flowCollectionPadding: false,
} as const;

type ZodObject = z.ZodObject<z.ZodRawShape>;

/** The object schema a value of `s` holds: through optional, default, list and union. */
function objectIn(s: unknown): ZodObject | null {
  let t = s;
  while (t instanceof z.ZodOptional || t instanceof z.ZodDefault || t instanceof z.ZodNullable)
    t = t.unwrap();
  if (t instanceof z.ZodArray) return objectIn(t.element);
  if (t instanceof z.ZodObject) return t as ZodObject;
  if (t instanceof z.ZodUnion)
    for (const o of t.options) {
      const found = objectIn(o);
      if (found) return found;
    }
  return null;
}

const keyOf = (k: unknown): string => (isScalar(k) ? String(k.value) : String(k));

/** The pairs of a mapping in the schema's order, the keys it does not know after them as they were. */
function reorder(map: YAMLMap, schema: ZodObject): void {
  const order = Object.keys(schema.shape);
  const rank = (k: string) => {
    const i = order.indexOf(k);
    return i < 0 ? order.length : i;
  };
  // a stable sort: unknown keys share the last rank and keep their order
  map.items.sort((a, b) => rank(keyOf(a.key)) - rank(keyOf(b.key)));
}

/** The style of a string at column `col` under `key`. */
function styleString(node: Scalar, key: string, col: number, inFlow: boolean): void {
  const v = node.value as string;
  if (DATE_LIKE.test(v)) node.type = Scalar.QUOTE_SINGLE;
  else if (
    !inFlow &&
    PROSE.has(key) &&
    (v.includes('\n') || col + key.length + 2 + v.length > LINE_WIDTH)
  )
    node.type = Scalar.BLOCK_FOLDED;
  else node.type = Scalar.PLAIN;
}

/** A list of scalars as one flow line, as it would be printed. */
function flowText(seq: YAMLSeq): string {
  const doc = new YamlDocument(null, SCHEMA_OPTIONS);
  const flow = seq.clone() as YAMLSeq;
  flow.flow = true;
  doc.contents = flow;
  return doc.toString(PRINT_OPTIONS).trimEnd();
}

const hasComments = (n: Node): boolean =>
  Boolean(n.commentBefore || n.comment) ||
  (isSeq(n) && n.items.some((i) => hasComments(i as Node)));

/**
 * Lay out the value of `key` (whose key stands at column `col`): `schema` is what the schema
 * says the value is, `inFlow` that it is inside a flow collection.
 */
function layValue(node: unknown, key: string, schema: unknown, col: number, inFlow: boolean) {
  if (isScalar(node)) {
    if (typeof node.value === 'string') styleString(node, key, col, inFlow);
  } else if (isMap(node)) {
    const obj = objectIn(schema);
    const flow =
      inFlow ||
      (obj !== null &&
        (FLOW_OBJECTS.has(obj) || (obj === DateObject && !node.has('reason'))) &&
        !hasComments(node));
    node.flow = flow;
    layMap(node, obj, col + 2, flow);
  } else if (isSeq(node)) {
    // an item's line starts at the dash, two columns in from the key
    for (const item of node.items) layValue(item, key, schema, col + 2, inFlow);
    // a list of scalars: in flow when the key, its colon and space and the list fit the line
    node.flow =
      inFlow ||
      (node.items.every((i) => isScalar(i)) &&
        !hasComments(node) &&
        col + key.length + 2 + flowText(node).length <= LINE_WIDTH);
  }
}

function layMap(map: YAMLMap, schema: ZodObject | null, col: number, inFlow: boolean): void {
  if (schema) reorder(map, schema);
  for (const pair of map.items) {
    const key = keyOf(pair.key);
    layValue(pair.value, key, schema?.shape[key], col, inFlow);
  }
}

/** A record (a mapping whose keys start at `col`) laid out by the schema of its kind. */
function layRecord(map: YAMLMap, col: number): void {
  const kind = map.get('kind');
  const schema =
    typeof kind === 'string' && Object.hasOwn(RECORD_SCHEMAS, kind)
      ? (RECORD_SCHEMAS[kind as keyof typeof RECORD_SCHEMAS] as unknown as ZodObject)
      : null;
  layMap(map, schema, col, false);
}

/**
 * The canonical text of a parsed data file (one document, a record or a list of records, parsed
 * as the loader parses it and without problems). The document is restyled in place.
 */
export function layoutDocument(doc: Document.Parsed): string {
  const root = doc.contents;
  if (isSeq(root)) {
    root.flow = false;
    root.items.forEach((item, i) => {
      if (isMap(item)) layRecord(item, 2);
      if (i > 0) (item as Node).spaceBefore = true;
    });
  } else if (isMap(root)) layRecord(root, 0);
  doc.setSchema('1.2', SCHEMA_OPTIONS);
  return doc.toString(PRINT_OPTIONS);
}
