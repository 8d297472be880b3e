// `minerals conflicts`: claims that cannot all be true, or that give different dates or names.
// The rules are documented in src/query/conflicts.ts.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { findConflicts } from '../query/conflicts.js';
import { resolveOption } from '../query/filters.js';
import { isAbout } from '../query/timeline.js';
import { conflictFields } from '../render/fields.js';
import { KINDS } from '../schema/vocab.js';
import { openBaseIndex, type OutputOptions, printList } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';

interface ConflictOptions extends OutputOptions {
  about?: string;
}

async function conflictsCommand(ctx: Context, opts: ConflictOptions): Promise<number> {
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

export const conflicts: CommandEntry = {
  names: ['conflicts'],
  group: 'Explore:',
  outputs: {
    conflicts: jsonOutput(
      'minerals conflicts --json',
      'one object per conflict, by subject id',
      async () => (await import('../schema/output-reports.js')).ConflictRow,
    ),
  },
  register: (program, kit) => {
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
  },
};
