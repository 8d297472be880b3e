// A source's body rule (for coverage) names lines and sentences of its text; each must occur there.
import type { Diagnostic } from '../diagnostics.js';
import type { CheckInput, Locate } from './input.js';
import type { PathSeg } from '../schema/refs.js';
import { normalizeText } from '../util/quotes.js';

export function checkBodyRules<L>(base: CheckInput<L>, diagnosticAt: Locate<L>): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { record, at } of base.records) {
    if (record.kind !== 'source' || record.body === undefined) continue;
    const text = base.texts.get(record.id);
    if (text === undefined) continue;
    const norm = normalizeText(text.text);
    const b = record.body;
    const sites: Array<[PathSeg[], string]> = [
      ...(b.start === undefined ? [] : [[['body', 'start'], b.start] as [PathSeg[], string]]),
      ...(b.end === undefined ? [] : [[['body', 'end'], b.end] as [PathSeg[], string]]),
      ...(b.exclude ?? []).map((e, i): [PathSeg[], string] => [['body', 'exclude', i], e]),
      ...(b.no_fact ?? []).map((n, i): [PathSeg[], string] => [
        ['body', 'no_fact', i, 'text'],
        n.text,
      ]),
    ];
    for (const [path, t] of sites)
      if (!norm.includes(normalizeText(t)))
        out.push(
          diagnosticAt(at, path, 'body-text-not-found', {
            text: t,
            source: record.id,
            file: text.file,
          }),
        );
  }
  return out;
}
