// `minerals report [--out FILE]`: the fact base as one self-contained HTML page. The renderer is
// imported when the command runs, not at start-up.
import path from 'node:path';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { writeAtomic } from '../util/write.js';
import { findConflicts } from '../query/conflicts.js';
import { buildGraph } from '../query/graph.js';
import { timelineItems } from '../query/timeline.js';
import { openBaseIndex } from './common.js';
import type { CommandEntry } from './kit.js';
import { writeReason } from '../util/reasons.js';

interface ReportOptions {
  out?: string;
}

/** Write the page atomically; a failure is a usage error that says why. */
function writePage(file: string, text: string, shown: string): void {
  try {
    writeAtomic(file, text);
  } catch (e) {
    const { code = 'error', type } = e as NodeJS.ErrnoException & { type?: string };
    const why =
      code === 'ENOTREG'
        ? `it is a ${type}; only a regular file is replaced${type === 'symbolic link' ? ' (give the file it points to)' : ''}`
        : writeReason(code);
    throw new UserError(`cannot write ${shown}: ${why}`, EXIT.usage);
  }
}

async function reportCommand(ctx: Context, opts: ReportOptions): Promise<number> {
  if (opts.out === '') throw new UserError('--out needs a file name');
  // a page of HTML is no use on a terminal: say how to keep it
  if (opts.out === undefined && ctx.io.stdoutIsTTY)
    throw new UserError(
      'report: will not write HTML to a terminal; write it to a file with `minerals report --out FILE`, or pipe it: `minerals report > FILE`',
    );
  // the queries are part of start-up anyway (other commands use them); the page renderer is not
  const { renderReport } = await import('../render/report.js');
  const index = await openBaseIndex(ctx);
  const html = renderReport({
    index,
    conflicts: findConflicts(index),
    timeline: timelineItems(index),
    graph: buildGraph(index),
  });
  if (opts.out === undefined) ctx.io.out(html);
  else writePage(path.resolve(ctx.io.cwd, opts.out), html, opts.out);
  return EXIT.ok;
}

export const report: CommandEntry = {
  names: ['report'],
  group: 'Pictures:',
  register: (program, kit) => {
    const cmd = program
      .command('report')
      .description(
        'the whole fact base as one self-contained HTML page: searchable tables, conflicts, timeline, relationship graph',
      )
      .option(
        '--out <file>',
        'write the page to this file (atomically) instead of standard output (which must then not be a terminal)',
      );
    kit.examples(cmd, [
      'minerals report --out minerals.html',
      'minerals report --data ./my-base --out my-base.html',
      'minerals report > minerals.html',
    ]);
    cmd.action(async (opts: ReportOptions, c: Command) =>
      kit.setExit(await reportCommand(kit.context(c), opts)),
    );
  },
};
