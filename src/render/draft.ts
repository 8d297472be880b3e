// The draft as YAML to review: claims grouped by record, in the base's style (values in flow,
// everything else in block), each claim after a comment with its line and sentence and what to
// check. The claims of one record paste under its `claims:` as they are; a proposed new record
// is written whole.
import { Document, isMap, isPair, isScalar, isSeq, parseAllDocuments, visit } from 'yaml';
import type { Draft, DraftedClaim } from '../query/draft.js';
import type { FactRecord } from '../schema/index.js';

/** The keys whose values the base writes in flow style: `{value: 20, scale: million, unit: USD}`. */
const FLOW_KEYS = new Set(['quantity', 'date', 'when', 'basis', 'commodities', 'aliases']);
const WIDTH = 100;

/** A claim or record as YAML lines, in the base's style; `exact` bounds left out (the default). */
export function yamlOf(value: unknown, indent: number): string[] {
  const doc = new Document(value);
  visit(doc, {
    Pair(_, pair) {
      // in flow where it fits on one line, as the base writes short values
      if (isPair(pair) && isScalar(pair.key) && FLOW_KEYS.has(String(pair.key.value)))
        if ((isMap(pair.value) || isSeq(pair.value)) && JSON.stringify(pair.value).length <= 70)
          pair.value.flow = true;
    },
    Scalar(_, scalar) {
      // dates quoted, as the base writes them: a reader of YAML 1.1 takes 2025-12-01 for a date
      if (typeof scalar.value === 'string' && /^\d{4}(?:-\d{2}){0,2}$/.test(scalar.value))
        scalar.type = 'QUOTE_SINGLE';
    },
    Map(_, map) {
      if (!isMap(map)) return;
      // the default bound says nothing
      const bound = map.get('bound');
      if (bound === 'exact' && map.has('unit')) map.delete('bound');
    },
  });
  const text = doc.toString({
    lineWidth: WIDTH - indent,
    indent: 2,
    singleQuote: true,
    flowCollectionPadding: false,
  });
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((l) => `${' '.repeat(indent)}${l}`);
}

/** A comment of one or more lines, cut at the line width. */
function comment(text: string, indent: number): string[] {
  const pad = `${' '.repeat(indent)}# `;
  const out: string[] = [];
  let line = '';
  for (const word of text.replace(/\s+/g, ' ').split(' ')) {
    if (line !== '' && pad.length + line.length + 1 + word.length > WIDTH) {
      out.push(pad + line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(pad + line);
  return out;
}

/** One claim's comment: the line and sentence it comes from, and what to check. */
export function claimComment(c: DraftedClaim, indent: number): string[] {
  const lines = comment(`line ${c.line}: ${c.sentence}`, indent);
  for (const [i, what] of c.check.entries())
    lines.push(...comment(`check: ${what} (${c.why[i]})`, indent));
  return lines;
}

/** The claims of one record as the items of its `claims:` list, at `indent`. */
export function claimItems(claims: readonly DraftedClaim[], indent: number): string[] {
  return claims.flatMap((c) => [...claimComment(c, indent), ...yamlOf([c.claim], indent)]);
}

/** A proposed new record with its claims, as a list item of a data file. */
export function stubItem(stub: FactRecord, claims: readonly DraftedClaim[]): string[] {
  const { citations, ...fields } = stub;
  const head = yamlOf([{ ...fields, citations }], 0);
  return [
    ...comment(
      `new record: the base has no ${stub.kind} named "${stub.name}"; check its kind and fields`,
      0,
    ),
    ...head,
    '  claims:',
    ...claimItems(claims, 4),
  ];
}

/** The records of a draft, in the order their first claim stands in the text. */
export function byRecord(d: Draft): Array<[string, DraftedClaim[]]> {
  const groups = new Map<string, DraftedClaim[]>();
  for (const c of d.claims) {
    const list = groups.get(c.record.id) ?? [];
    list.push(c);
    groups.set(c.record.id, list);
  }
  return [...groups];
}

/** The whole draft as YAML to review. */
export function draftYaml(d: Draft, source: string, file: string): string {
  const groups = byRecord(d);
  const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;
  const head =
    d.figures === 0
      ? `minerals draft ${source} (${file}): nothing to propose: claims hold every figure of its body as a value.`
      : d.claims.length === 0
        ? `minerals draft ${source} (${file}): nothing to propose: ${plural(d.figures, 'figure', 'figures')} of its body no claim holds yet, none of which could be drafted (below).`
        : `minerals draft ${source} (${file}): ${plural(d.claims.length, 'claim', 'claims')} about ${plural(groups.length, 'record', 'records')}, for the ${plural(d.figures, 'figure', 'figures')} of its body that no claim holds yet as a value. Check each claim against its sentence; paste the claims under their records' \`claims:\`, or write them all with --write FILE.`;
  const out: string[] = [...comment(head, 0)];
  for (const [id, claims] of groups) {
    const r = claims[0]!.record;
    out.push('');
    if (r.stub) out.push(...stubItem(r.stub, claims));
    else {
      out.push(...comment(`${id}: ${r.kind} "${r.name}"`, 0));
      out.push(`- id: ${id}`, '  claims:', ...claimItems(claims, 4));
    }
  }
  if (d.skipped.length > 0) {
    out.push('', ...comment('Figures with no claim drafted:', 0));
    for (const s of d.skipped) out.push(...comment(`line ${s.line}: "${s.figure}": ${s.why}`, 0));
  }
  return `${out.join('\n')}\n`;
}

/** Why claims cannot be appended to a record's text as it is written. */
export class AppendError extends Error {}

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (text: string, at: number) => {
  const e = text.indexOf('\n', at);
  return e < 0 ? text.length : e;
};

/**
 * The text of a data file with `items` (lines, already indented for where they go) appended to the
 * claims of record `id`: after its last claim, or as a new `claims:` key after its last field.
 * Every byte of the text stays as it was; lines are only inserted. Throws AppendError when the
 * record is not in the text, or is written in flow style.
 */
export function appendClaims(text: string, id: string, claims: readonly DraftedClaim[]): string {
  for (const doc of parseAllDocuments(text)) {
    if (!('contents' in doc)) continue;
    const top = doc.contents;
    const items = isSeq(top) ? top.items : [top];
    for (const item of items) {
      if (!isMap(item)) continue;
      const idNode = item.get('id', true);
      if (!isScalar(idNode) || String(idNode.value as unknown) !== id) continue;
      if (item.flow) throw new AppendError(`record ${id} is written in flow style ({...})`);
      const first = item.items[0];
      if (!first || !isScalar(first.key) || !first.key.range)
        throw new AppendError(`record ${id} has no fields`);
      const keyCol = first.key.range[0] - lineStart(text, first.key.range[0]);
      const pair = item.items.find((p) => isScalar(p.key) && p.key.value === 'claims');
      let at: number;
      let lines: string[];
      if (pair && isSeq(pair.value) && !pair.value.flow && pair.value.items.length > 0) {
        const seq = pair.value;
        const firstItem = seq.items[0] as { range?: [number, number, number] };
        const dash = text.lastIndexOf('-', firstItem.range![0]);
        const dashCol = dash - lineStart(text, dash);
        const last = seq.items.at(-1) as { range?: [number, number, number] };
        at = lineEnd(text, last.range![1] - 1);
        lines = claimItems(claims, dashCol);
      } else if (pair) {
        throw new AppendError(`record ${id} has a \`claims:\` that is not a block list`);
      } else {
        const last = item.items.at(-1)!;
        const node = (last.value ?? last.key) as { range?: [number, number, number] };
        at = lineEnd(text, node.range![1] - 1);
        lines = [`${' '.repeat(keyCol)}claims:`, ...claimItems(claims, keyCol + 2)];
      }
      // after the line the record's last value ends on
      const head = text.slice(0, at);
      return `${head}\n${lines.join('\n')}${text.slice(at)}`;
    }
  }
  throw new AppendError(`record ${id} is not in this file`);
}
