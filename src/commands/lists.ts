// The list command of every kind (deposits, deals, projects, ...): its options are the filters of
// its view (render/kinds.ts), its rows the records of its kinds that pass them.
import type { Command, OptionValues } from 'commander';
import type { z } from 'zod';
import { type Context, writeBytes } from '../context.js';
import { KIND_VIEWS, type ListView } from '../render/kinds.js';
import { LIST_COMMANDS } from '../schema/kinds.js';
import type { FactRecord } from '../schema/index.js';
import type { Kind } from '../schema/vocab.js';
import { EXIT } from '../errors.js';
import type { FactIndex } from '../query/facts.js';
import { jsonRow, jsonRowBytes, selectFields } from '../render/output.js';
import { formatOf, openBaseIndex, printList, type OutputOptions } from './common.js';
import { type CommandEntry, type JsonOutput, jsonOutput, type Kit } from './kit.js';
import { choices, collect, commaList } from './options.js';

type Filters = OutputOptions & OptionValues;

/** Each list command with the kinds it lists and its view, in help order. */
const LISTS = LIST_COMMANDS.map(({ command, kinds }) => ({
  command,
  kinds,
  view: KIND_VIEWS[kinds[0]!].list!,
}));

async function runList(
  kinds: readonly Kind[],
  view: ListView<FactRecord>,
  ctx: Context,
  opts: Filters,
): Promise<number> {
  const index = await openBaseIndex(ctx);
  const given = view.filters.filter((f) => opts[f.key] !== undefined);
  const valuesOf = (key: string) => ([] as string[]).concat(opts[key] as string | string[]);
  // the values of one filter: any may hold (--metal copper,tin), or all must (--where); filters AND
  const predicates = given.map((f) => {
    const each = valuesOf(f.key).map((v) => f.build(index, v));
    return f.all
      ? (r: FactRecord) => each.every((p) => p(r))
      : (r: FactRecord) => each.some((p) => p(r));
  });
  // a filter by commodity narrows the records read to those naming one of its commodities
  const byCommodity = given.find((f) => f.commodities);
  const metals = byCommodity
    ? new Set(valuesOf(byCommodity.key).flatMap((v) => [...byCommodity.commodities!(index, v)]))
    : undefined;
  // the rows the store keeps answer a list filtered by commodity alone, as JSON, in base order
  if (given.every((f) => f === byCommodity) && printKept(ctx, index, kinds, metals, view, opts))
    return EXIT.ok;
  const pool = (k: Kind) => {
    const list = (
      metals ? index.ofKindNaming(k, metals) : index.ofKind(k)
    ) as readonly FactRecord[];
    index.prefetch(list);
    return list;
  };
  const rows = kinds.flatMap(pool).filter((r) => predicates.every((p) => p(r)));
  const cites = view.cites ?? ((r: FactRecord) => (r.claims ?? []).flatMap((c) => c.citations));
  return printList(ctx, rows, view.fields(index), opts, cites);
}

/**
 * Print a list from the JSON rows the store keeps (making and keeping those it has not yet): for
 * the json format off a terminal and ndjson, with every field, in base order. False when the
 * output asks for more (fields, sort, a terminal) or the store keeps no rows: then printList.
 */
function printKept(
  ctx: Context,
  index: FactIndex,
  kinds: readonly Kind[],
  metals: ReadonlySet<string> | undefined,
  view: ListView<FactRecord>,
  opts: Filters,
): boolean {
  const format = formatOf(ctx, opts);
  if (!(format === 'ndjson' || (format === 'json' && !ctx.io.stdoutIsTTY))) return false;
  if (opts.fields !== undefined || opts.sort !== undefined) return false;
  // the fields of a json row are those of an ndjson row (the cache test compares both formats)
  const fields = selectFields(view.fields(index), undefined, 'json');
  const rows: Uint8Array[] = [];
  const made: Array<{ ord: number; json: Uint8Array }> = [];
  for (const kind of kinds) {
    const kept = index.listRows(kind, metals);
    if (kept === null) return false;
    index.prefetch(kept.flatMap((k) => (k.record ? [k.record] : [])));
    for (const k of kept) {
      const json = k.json ?? Buffer.from(jsonRow(k.record, fields));
      if (k.json === undefined && k.ord >= 0) made.push({ ord: k.ord, json });
      rows.push(json);
    }
  }
  if (rows.length === 0 && ctx.io.stdoutIsTTY) ctx.io.err('no matching records\n');
  writeBytes(
    ctx.io,
    jsonRowBytes(opts.limit === undefined ? rows : rows.slice(0, opts.limit), format),
  );
  index.keepRows(made);
  return true;
}

function registerList(
  program: Command,
  kit: Kit,
  { command, kinds, view }: (typeof LISTS)[number],
): void {
  const cmd = program.command(command).description(view.description);
  // every filter is repeatable and takes a comma list (but --where, whose conditions hold together)
  for (const f of view.filters) {
    const option = `--${f.flag.slice(2).split(' ')[0]}`;
    if (f.values) cmd.option(f.flag, `${f.help} (repeatable)`, choices(option, f.values));
    else if (f.all) cmd.option(f.flag, f.help, collect(f.check));
    else cmd.option(f.flag, `${f.help} (repeatable)`, commaList());
  }
  kit.output(cmd);
  kit.examples(cmd, view.examples);
  cmd.action(async (opts: Filters, c: Command) =>
    kit.setExit(await runList(kinds, view, kit.context(c), opts)),
  );
}

/** The JSON row of a list: a schema made from the fields its view prints, once. */
function rowOutput({ command, kinds, view }: (typeof LISTS)[number]): JsonOutput {
  let schema: Promise<z.ZodType> | undefined;
  const make = async () => {
    const [{ listRowSchema }, { FactIndex }] = await Promise.all([
      import('../schema/output-lists.js'),
      import('../query/facts.js'),
    ]);
    const { id, description } = view.row;
    return listRowSchema(kinds, { id, description }, view.fields(new FactIndex([])));
  };
  return jsonOutput(`minerals ${command} --json`, view.row.what, () => (schema ??= make()));
}

export const lists: CommandEntry = {
  names: LISTS.map((l) => l.command),
  group: 'Query:',
  outputs: Object.fromEntries(LISTS.map((l) => [l.command, rowOutput(l)])),
  register: (program, kit, only) => {
    for (const l of LISTS)
      if (only === undefined || l.command === only) registerList(program, kit, l);
  },
};
