// `minerals export FORMAT TARGET [--force]`: the whole base for SQL, DuckDB, pandas and
// spreadsheets: one SQLite database, or a directory of CSV or NDJSON tables with a Frictionless
// datapackage.json. The writing is pipeline/export.ts's.
import path from 'node:path';
import { Argument, type Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT } from '../errors.js';
import { EXPORT_FORMATS, type ExportFormat, exportBase } from '../pipeline/export.js';
import { openOptions } from './common.js';
import type { CommandEntry } from './kit.js';
import { choice } from './options.js';

async function exportCommand(
  ctx: Context,
  format: ExportFormat,
  target: string,
  opts: { force?: boolean },
): Promise<number> {
  const [{ listTables }, { csvCell }] = await Promise.all([
    import('../render/list-tables.js'),
    import('../render/output.js'),
  ]);
  const { errors } = await exportBase(openOptions(ctx), {
    format,
    target: path.resolve(ctx.io.cwd, target),
    shown: target,
    force: opts.force === true,
    lists: listTables,
    csvCell,
  });
  if (errors > 0)
    ctx.io.err(
      `minerals: warning: the fact base has ${errors} error${errors === 1 ? '' : 's'}; the export leaves out the records with errors (run: minerals validate)\n`,
    );
  return EXIT.ok;
}

export const exportEntry: CommandEntry = {
  names: ['export'],
  group: 'Export:',
  register: (program, kit) => {
    const cmd = program
      .command('export')
      .description(
        'write the whole fact base for SQL, DuckDB, pandas and spreadsheets: a SQLite database, or a directory of CSV or NDJSON tables with a Frictionless datapackage.json',
      )
      .addArgument(
        new Argument(
          '<format>',
          'sqlite writes one database file; csv and ndjson a directory of files',
        )
          .choices(EXPORT_FORMATS)
          .argParser(choice('export: FORMAT', EXPORT_FORMATS)),
      )
      .argument('<target>', 'the file (sqlite) or directory (csv, ndjson) to write')
      .option(
        '--force',
        'replace an existing file, or a directory that holds an earlier export (never a link, a device or another kind of file)',
      )
      .addHelpText(
        'after',
        `
Tables: one per list command (deposits, deals, ..., countries), with the columns
and rows of \`minerals LIST --format csv\`; records, claims, citations,
source_texts (the full texts), aliases, record_commodities, refs, diagnostics,
and meta (tool_version, schema_version, data_sha1). The database also has
\`search\`, a full-text index of the records (rowid = records.ord). What is
written takes its place by a rename: never half a file or half a directory.`,
      );
    kit.examples(cmd, [
      'minerals export sqlite minerals.sqlite',
      'minerals export csv minerals-csv',
      'minerals export ndjson minerals-ndjson --force',
    ]);
    cmd.action(
      async (format: ExportFormat, target: string, opts: { force?: boolean }, c: Command) =>
        kit.setExit(await exportCommand(kit.context(c), format, target, opts)),
    );
  },
};
