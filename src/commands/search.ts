// `minerals search TEXT`: full-text search over names, aliases, descriptions, quotes, notes and
// the stored source texts. Ranking and snippets live in query/search.ts; this file only wires them.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { parseQuery, search } from '../query/search.js';
import {
  boldMarks,
  MARK_CLOSE,
  MARK_OPEN,
  type SearchRow,
  searchFields,
} from '../render/fields.js';
import { KINDS, type Kind, SEARCH_FIELDS, type SearchField } from '../schema/vocab.js';
import { formatOf, openSearchBase, type OutputOptions, printList } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';
import { choices } from './options.js';

interface SearchOptions extends OutputOptions {
  kind?: Kind[];
  field?: SearchField[];
}

async function searchCommand(
  ctx: Context,
  words: readonly string[],
  opts: SearchOptions,
): Promise<number> {
  const query = words.join(' ');
  const terms = parseQuery(query);
  if (terms.length === 0)
    throw new UserError(
      query.trim() === ''
        ? 'search: give some text to look for'
        : `search: ${JSON.stringify(query)} has no words to look for`,
    );
  const format = formatOf(ctx, opts);
  const { docs } = await openSearchBase(
    ctx,
    terms.map((t) => t.words),
  );
  const { kind, field } = opts;
  const rows: SearchRow[] = search(docs, terms, {
    kind: kind?.length === 1 ? kind[0] : undefined,
  })
    .filter(
      (h) =>
        (kind === undefined || kind.includes(h.kind)) &&
        (field === undefined || field.includes(h.field)),
    )
    .map((h, i) => ({ ...h, rank: i + 1 }));
  const color = format === 'table' && ctx.chalk.level > 0;
  if (!color) return printList(ctx, rows, searchFields({ open: '«', close: '»' }), opts);
  const [bold, normal] = ctx.chalk.bold('\u0000').split('\u0000') as [string, string];
  const io = { ...ctx.io, out: (s: string) => ctx.io.out(boldMarks(s, bold, normal)) };
  const marks = { open: MARK_OPEN, close: MARK_CLOSE };
  return printList({ ...ctx, io }, rows, searchFields(marks), opts);
}

export const searchEntry: CommandEntry = {
  names: ['search'],
  group: 'Explore:',
  outputs: {
    search: jsonOutput(
      'minerals search TEXT --json',
      'one object per matching record, best first',
      async () => (await import('../schema/output-reports.js')).SearchRow,
    ),
  },
  register: (program, kit) => {
    const cmd = kit.output(
      program
        .command('search')
        .argument(
          '<text...>',
          'words to find (all must match); "a quoted phrase" matches as a phrase',
        )
        .description(
          'find records by name, alias, description, quote or note, and lines of the source texts',
        )
        .option(
          '--kind <kind>',
          `only records of a kind (repeatable): ${KINDS.join(', ')}`,
          choices('--kind', KINDS),
        )
        .option(
          '--field <field>',
          `only hits whose best match is in a field (repeatable): ${SEARCH_FIELDS.join(', ')}`,
          choices('--field', SEARCH_FIELDS),
        ),
    );
    kit.examples(cmd, [
      'minerals search gallium --kind project',
      'minerals search \'"rare earth" auction\'',
      'minerals search karabas copper --json | jq -r \'.[] | "\\(.about.id) \\(.field): \\(.snippet)"\'',
    ]);
    cmd.action(async (text: string[], opts: SearchOptions, c: Command) =>
      kit.setExit(await searchCommand(kit.context(c), text, opts)),
    );
  },
};
