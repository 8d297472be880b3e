// `minerals search TEXT`: full-text search over names, aliases, descriptions, quotes, notes and
// the stored source texts. Ranking and snippets live in query/search.ts; this file only wires them.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { markSnippet, parseQuery, search, searchDocs, type SearchHit } from '../query/search.js';
import type { Field } from '../render/output.js';
import { KINDS, type Kind } from '../schema/vocab.js';
import { closest } from '../util/suggest.js';
import type { Registrar } from './kit.js';
import { formatOf, loadWholeBase, printList, type OutputOptions } from './query.js';

export interface SearchOptions extends OutputOptions {
  kind?: string;
}

/** A --kind value, checked against the kinds of record (a usage error naming the closest otherwise). */
export function kindOption(value: string | undefined): Kind | undefined {
  if (value === undefined) return undefined;
  if ((KINDS as readonly string[]).includes(value)) return value as Kind;
  const near = closest(value, KINDS, 1);
  throw new UserError(
    `--kind must be one of ${KINDS.join(', ')}, not ${JSON.stringify(value)}${near.length > 0 ? ` (did you mean ${near[0]}?)` : ''}`,
    EXIT.usage,
  );
}

export type SearchRow = SearchHit & { rank: number };

// Private-use characters stand for the bold marks while the table is laid out (so that widths and
// sanitizing see one plain character each) and become escape codes on the way out.
const OPEN = '\uE000';
const CLOSE = '\uE001';
const PLACEHOLDERS = /[\uE000\uE001]/gu;

export function searchFields(marks: { open: string; close: string }): Field<SearchRow>[] {
  return [
    { name: 'rank', value: (h) => h.rank, align: 'right' },
    { name: 'kind', value: (h) => h.kind, table: true },
    { name: 'id', value: (h) => h.id, table: true },
    { name: 'name', value: (h) => h.name },
    {
      name: 'field',
      value: (h) => h.field,
      text: (h) => (h.line === null ? h.field : `${h.field}:${h.line}`),
      table: true,
    },
    { name: 'source', value: (h) => h.source },
    { name: 'line', value: (h) => h.line },
    {
      name: 'snippet',
      value: (h) => h.snippet.text,
      text: (h) =>
        markSnippet(
          { ...h.snippet, text: h.snippet.text.replace(PLACEHOLDERS, '\uFFFD') },
          marks.open,
          marks.close,
        ),
      table: true,
    },
    { name: 'matches', value: (h) => h.snippet.matches },
  ];
}

/** Turn the placeholders of a table into bold, closing a mark that truncation cut off. */
function boldMarks(text: string, bold: string, normal: string): string {
  return text
    .split('\n')
    .map((line) => {
      let open = false;
      const out = line.replace(PLACEHOLDERS, (ch) => {
        open = ch === OPEN;
        return open ? bold : normal;
      });
      return open ? out + normal : out;
    })
    .join('\n');
}

export async function searchCommand(
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
      EXIT.usage,
    );
  const kind = kindOption(opts.kind);
  const format = formatOf(ctx, opts);
  const { index, texts } = await loadWholeBase(ctx);
  const rows: SearchRow[] = search(searchDocs(index.byId.values(), texts), terms, {
    kind,
  }).map((h, i) => ({ ...h, rank: i + 1 }));
  const color = format === 'table' && ctx.chalk.level > 0;
  if (!color) return printList(ctx, rows, searchFields({ open: '«', close: '»' }), opts);
  const [bold, normal] = ctx.chalk.bold('\u0000').split('\u0000') as [string, string];
  const io = { ...ctx.io, out: (s: string) => ctx.io.out(boldMarks(s, bold, normal)) };
  return printList({ ...ctx, io }, rows, searchFields({ open: OPEN, close: CLOSE }), opts);
}

export const registerSearch: Registrar = (program, kit) => {
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
      .option('--kind <kind>', `only records of one kind: ${KINDS.join(', ')}`),
  );
  kit.examples(cmd, [
    'minerals search gallium --kind project',
    'minerals search \'"rare earth" auction\'',
    'minerals search karabas copper --json | jq -r \'.[] | "\\(.id) \\(.field): \\(.snippet)"\'',
  ]);
  cmd.action(async (text: string[], opts: SearchOptions, c: Command) =>
    kit.setExit(await searchCommand(kit.context(c), text, opts)),
  );
};
