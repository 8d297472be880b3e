// The draft as YAML to review: claims grouped by record, in the base's style (values in flow,
// everything else in block), each claim after a comment with its line and sentence and what to
// check. The claims of one record paste under its `claims:` as they are; a proposed new record
// is written whole.
import {
  Document,
  isMap,
  isScalar,
  isSeq,
  parseAllDocuments,
  parseDocument,
  type YAMLMap,
} from 'yaml';
import type { Draft, DraftedClaim } from '../query/draft.js';
import type { FactRecord } from '../schema/index.js';
import type { Claim } from '../schema/values.js';
import { sanitize } from '../util/sanitize.js';
import { layoutDocument } from './yaml-layout.js';

const WIDTH = 100;

/** A claim as a data file writes it: the default bound (`exact`) left out. */
function written(claim: Claim): unknown {
  if (claim.quantity?.bound !== 'exact') return claim;
  const { bound: _exact, ...quantity } = claim.quantity;
  return { ...claim, quantity };
}

/** A comment's text as yaml's commentBefore takes it: lines cut at the line width, each after "#". */
function commentText(text: string, indent: number): string {
  const out: string[] = [];
  let line = '';
  // a comment is the text as a reader sees it: a control or bidi character of the sentence shown,
  // not written raw (a YAML file may not hold it, and an editor would obey it)
  for (const word of sanitize(text.replace(/\s+/g, ' ')).split(' ')) {
    if (line !== '' && indent + 2 + line.length + 1 + word.length > WIDTH) {
      out.push(` ${line}`);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(` ${line}`);
  return out.join('\n');
}

/** A comment of one or more lines at `indent`, cut at the line width. */
const comment = (text: string, indent: number): string[] =>
  commentText(text, indent)
    .split('\n')
    .map((l) => `${' '.repeat(indent)}#${l}`);

/** One claim's comment: the line and sentence it comes from, and what to check. */
function claimNote(c: DraftedClaim, indent: number): string {
  return [
    commentText(`line ${c.line}: ${c.sentence}`, indent),
    ...c.check.map((what, i) => commentText(`check: ${what} (${c.why[i]})`, indent)),
  ].join('\n');
}

/**
 * A record with the drafted claims, laid out as `minerals fmt` lays out a data file (so fmt leaves
 * what draft writes as it is), each claim after its comment: `lone`, a file's only record (keys at
 * column 0), else an item of a file's list (keys at column 2).
 */
function laidRecord(
  record: object,
  claims: readonly DraftedClaim[],
  lone: boolean,
  note?: string,
): string[] {
  const doc = parseDocument(new Document(lone ? record : [record]).toString());
  const map = (lone ? doc.contents : (doc.contents as { items: unknown[] }).items[0]) as YAMLMap;
  const keyCol = lone ? 0 : 2;
  if (note !== undefined) map.commentBefore = commentText(note, 0);
  const list = map.get('claims');
  if (isSeq(list))
    for (const [i, item] of list.items.entries())
      (item as { commentBefore?: string }).commentBefore = claimNote(claims[i]!, keyCol + 2);
  return layoutDocument(doc).replace(/\n$/, '').split('\n');
}

/**
 * The claims as they go under a record that has no `claims:` yet (`withKey`: the key's line too)
 * or after its last claim, for a record whose keys stand at `keyCol` (0 or 2).
 */
function claimLines(claims: readonly DraftedClaim[], keyCol: number, withKey: boolean): string[] {
  // a record of the claims' record's kind, so that they are laid out as that kind's claims
  const record = {
    id: 'x',
    kind: claims[0]!.record.kind,
    claims: claims.map((c) => written(c.claim)),
  };
  const lines = laidRecord(record, claims, keyCol === 0);
  const at = lines.indexOf(`${' '.repeat(keyCol)}claims:`);
  return lines.slice(withKey ? at : at + 1);
}

/** A proposed new record with its claims, as a list item of a data file (its first line "- id: ..."). */
export function stubItem(stub: FactRecord, claims: readonly DraftedClaim[]): string[] {
  return laidRecord(
    { ...stub, claims: claims.map((c) => written(c.claim)) },
    claims,
    false,
    `new record: the base has no ${stub.kind} named "${stub.name}"; check its kind and fields`,
  );
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
      out.push(`- id: ${id}`, ...claimLines(claims, 2, true));
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
 * The text of a data file with each of its records that `groups` names (by id) given its drafted
 * claims: after its last claim, or as a new `claims:` key after its last field. One parse of the
 * file; every byte of the text stays as it was, lines are only inserted. Returns the new text and
 * the ids found in it (the others are in other files). Throws AppendError for a record written in
 * flow style or not laid out as fmt lays records out.
 */
export function appendClaims(
  text: string,
  groups: ReadonlyMap<string, readonly DraftedClaim[]>,
): { text: string; found: string[] } {
  const inserts: Array<{ at: number; lines: string[] }> = [];
  const found: string[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (!('contents' in doc)) continue;
    const top = doc.contents;
    for (const item of isSeq(top) ? top.items : [top]) {
      if (!isMap(item)) continue;
      const idNode = item.get('id', true);
      const id = isScalar(idNode) ? String(idNode.value as unknown) : '';
      const claims = groups.get(id);
      if (!claims) continue;
      inserts.push(insertion(text, item, id, claims));
      found.push(id);
    }
  }
  // from the end of the text back, so that each place is still where it was found
  let out = text;
  for (const { at, lines } of inserts.sort((a, b) => b.at - a.at))
    out = `${out.slice(0, at)}\n${lines.join('\n')}${out.slice(at)}`;
  return { text: out, found };
}

/** Where a record's claims go in the text (the end of the line its last value ends on), and their lines. */
function insertion(
  text: string,
  item: YAMLMap,
  id: string,
  claims: readonly DraftedClaim[],
): { at: number; lines: string[] } {
  if (item.flow) throw new AppendError(`record ${id} is written in flow style ({...})`);
  const first = item.items[0];
  if (!first || !isScalar(first.key) || !first.key.range)
    throw new AppendError(`record ${id} has no fields`);
  const keyCol = first.key.range[0] - lineStart(text, first.key.range[0]);
  const notLaidOut = () =>
    new AppendError(
      `record ${id} is not laid out as fmt lays out records; run \`minerals fmt\` first`,
    );
  if (keyCol !== 0 && keyCol !== 2) throw notLaidOut();
  const pair = item.items.find((p) => isScalar(p.key) && p.key.value === 'claims');
  type Ranged = { range?: [number, number, number] };
  if (!pair) {
    const last = item.items.at(-1)!;
    const node = (last.value ?? last.key) as Ranged;
    return { at: lineEnd(text, node.range![1] - 1), lines: claimLines(claims, keyCol, true) };
  }
  if (!isSeq(pair.value) || pair.value.flow || pair.value.items.length === 0)
    throw new AppendError(`record ${id} has a \`claims:\` that is not a block list`);
  const seq = pair.value;
  const dash = text.lastIndexOf('-', (seq.items[0] as Ranged).range![0]);
  if (dash - lineStart(text, dash) !== keyCol + 2) throw notLaidOut();
  const last = seq.items.at(-1) as Ranged;
  return { at: lineEnd(text, last.range![1] - 1), lines: claimLines(claims, keyCol, false) };
}
