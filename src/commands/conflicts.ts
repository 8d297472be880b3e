// `minerals conflicts`: claims that cannot all be true, or that give different dates or names.
// The rules are documented in src/query/conflicts.ts.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import {
  findConflicts,
  intervalText,
  spanText,
  type Conflict,
  type Interval,
  type Version,
} from '../query/conflicts.js';
import type { FactIndex } from '../query/facts.js';
import { isAbout } from '../query/timeline.js';
import { citationJson, dateText } from '../query/values.js';
import type { Field } from '../render/output.js';
import { KINDS } from '../schema/vocab.js';
import type { Registrar } from './kit.js';
import { openBaseIndex, printList, resolveOption, type OutputOptions } from './query.js';

export interface ConflictOptions extends OutputOptions {
  about?: string;
}

const finite = (n: number) => (Number.isFinite(n) ? n : null);

function intervalJson(v: Version) {
  if (v.interval) return quantityIntervalJson(v.interval, v.unit!);
  if (v.span)
    return {
      low: v.span.start,
      high: v.span.end,
      low_open: v.span.start === null,
      high_open: v.span.end === null,
      unit: 'day',
    };
  return null;
}

const quantityIntervalJson = (i: Interval, unit: string) => ({
  low: finite(i.low),
  high: finite(i.high),
  low_open: i.lowOpen,
  high_open: i.highOpen,
  unit,
});

export function versionJson(v: Version, index: FactIndex) {
  return {
    position: v.position,
    value: v.value,
    bound: v.bound,
    interval: intervalJson(v),
    interval_text: v.interval
      ? `${intervalText(v.interval)} ${v.unit}`
      : v.span
        ? spanText(v.span)
        : null,
    when: v.claim.when === undefined ? null : dateText(v.claim.when),
    note: v.claim.note ?? null,
    sources: v.sources,
    citations: v.claim.citations.map((c) => citationJson(c, index)),
  };
}

const versionText = (v: Version) =>
  `${v.value}${v.claim.when === undefined ? '' : ` @ ${dateText(v.claim.when)}`} [${v.sources.join(', ')}]`;

export function conflictFields(index: FactIndex): Field<Conflict>[] {
  return [
    { name: 'subject', value: (c) => c.subject.id, table: true },
    { name: 'name', value: (c) => c.subject.name },
    { name: 'subject_kind', value: (c) => c.subject.kind },
    { name: 'property', value: (c) => c.property, table: true },
    { name: 'commodity', value: (c) => c.commodity, table: true },
    {
      name: 'basis',
      value: (c) => c.basis,
      text: (c) =>
        c.basis
          ? [c.basis.category, c.basis.material, c.basis.system, c.basis.class]
              .filter((x) => x !== null)
              .join('/')
          : '',
      table: true,
    },
    { name: 'kind', value: (c) => c.kind, table: true },
    {
      name: 'sources_differ',
      value: (c) => c.sourcesDiffer,
      text: (c) => (c.sourcesDiffer ? 'yes' : 'no'),
    },
    {
      name: 'versions',
      value: (c) => c.versions.map((v) => versionJson(v, index)),
      text: (c) => c.versions.map(versionText).join(' | '),
      table: true,
    },
    {
      name: 'pairs',
      value: (c) =>
        c.pairs.map((p) => ({
          a: p.a,
          b: p.b,
          kind: p.kind,
          aspect: p.aspect,
          sources_differ: p.sourcesDiffer,
          reason: p.reason,
        })),
      text: (c) => c.pairs.map((p) => p.reason).join('; '),
    },
  ];
}

export async function conflictsCommand(ctx: Context, opts: ConflictOptions): Promise<number> {
  const index = await openBaseIndex(ctx);
  const about =
    opts.about === undefined ? undefined : resolveOption(index, '--about', opts.about, KINDS);
  const rows = findConflicts(index).filter(
    (c) => about === undefined || c.versions.some((v) => isAbout(c.subject, v.claim, about)),
  );
  return printList(ctx, rows, conflictFields(index), opts, (c) =>
    c.versions.flatMap((v) => v.claim.citations),
  );
}

export const registerConflicts: Registrar = (program, kit) => {
  const cmd = kit.output(
    program
      .command('conflicts')
      .description(
        'claims on the same subject that cannot all be true, or give different dates or names, with their citations',
      )
      .option(
        '--about <record>',
        'conflicts on a record, naming it, or on records it takes part in (id, name or alias)',
      ),
  );
  kit.examples(cmd, [
    'minerals conflicts',
    'minerals conflicts --about erg-gallium',
    'minerals conflicts --json | jq \'.[] | select(.kind == "incompatible") | {subject, property}\'',
  ]);
  cmd.action(async (opts: ConflictOptions, c: Command) =>
    kit.setExit(await conflictsCommand(kit.context(c), opts)),
  );
};
