// `minerals conflicts`: claims on the same subject that differ, by class; contradictions unless
// --class asks for others. The rules are documented in src/query/conflicts.ts.
import { type Command, Option } from 'commander';
import type { Context } from '../context.js';
import { UserError } from '../errors.js';
import { findConflicts } from '../query/conflicts.js';
import { resolveOption } from '../query/filters.js';
import { isAbout } from '../query/timeline.js';
import { conflictFields } from '../render/fields.js';
import {
  CONFLICT_CLASS_OPTIONS,
  CONFLICT_CLASSES,
  type ConflictClass,
  KINDS,
} from '../schema/vocab.js';
import { openBaseIndex, type OutputOptions, printList } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';
import { choice } from './options.js';

interface ConflictOptions extends OutputOptions {
  about?: string;
  class?: ConflictClass[];
}

/** What --class takes: a class, or `all`. */

const classOption = choice('--class', CONFLICT_CLASS_OPTIONS, true);

/** --class, repeatable, each value one class, a comma-separated list, or `all`. */
function collectClasses(value: string, previous: ConflictClass[] | undefined): ConflictClass[] {
  const named = value.split(',').map((v) => classOption(v.trim()));
  const added = named.includes('all') ? CONFLICT_CLASSES : (named as ConflictClass[]);
  return [...new Set([...(previous ?? []), ...added])];
}

const CLASSES_HELP = `
Classes (--class; contradictions and tensions when it is not given):
  contradiction  the values cannot both be true: "100" and "200 employees", "early 2027" and
                 "2028", "in force" and "suspended" with no dates to tell them apart
  refinement     one is a more precise form of the other: "late 2026" within "2026", "over
                 $20 million" against a rounder source's "$20 million", "up to 10%" and "10%"
  change         they hold at different times (their \`when\`s differ): a timeline, not a conflict
  basis          they measure different things: reserves and resources, ore and contained metal,
                 JORC and GKZ, on the same subject, property and commodity
  tension        a claim the data notes as at odds with another figure without contradicting it
                 (its \`tension\`): an implied grade no drill hole reached, a "first-ever" that
                 another text's history belies
Claims are compared only with the same certainty (actual; planned or expected; target;
possible; proposed). An inferred date alone never makes a contradiction. JSON: "class" on each
row; "pairs" says which versions differ and why.`;

async function conflictsCommand(ctx: Context, opts: ConflictOptions): Promise<number> {
  const index = await openBaseIndex(ctx);
  const about =
    opts.about === undefined ? undefined : resolveOption(index, '--about', opts.about, KINDS);
  const classes: readonly ConflictClass[] = opts.class ?? ['contradiction', 'tension'];
  // with --about, only the records that can hold such conflicts are read
  const pool = about === undefined ? undefined : index.narrow({ mentions: new Set([about]) });
  const rows = findConflicts(index, pool).filter(
    (c) =>
      classes.includes(c.class) &&
      (about === undefined || c.versions.some((v) => isAbout(c.subject, v.claim, about))),
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
      'one object per conflict (the pairs of one class on one subject, property and commodity), by subject id',
      async () => (await import('../schema/output-reports.js')).ConflictRow,
    ),
  },
  register: (program, kit) => {
    const cmd = kit.output(
      program
        .command('conflicts')
        .description(
          'claims on the same subject that cannot both be true, and tensions the data notes, with their citations; --class shows refinements, changes over time and different bases',
        )
        .option(
          '--about <record>',
          'conflicts on a record, naming it, or on records it takes part in (id, name or alias)',
        )
        .option(
          '--class <class>',
          `only conflicts of a class: ${CONFLICT_CLASS_OPTIONS.join(', ')} (repeatable; default contradiction and tension)`,
          collectClasses,
        ),
    );
    // "--kind" names a kind of record everywhere else (search, completion): say which option this is
    cmd.addOption(
      new Option('--kind <class>').hideHelp().argParser((value: string) => {
        throw new UserError(
          `conflicts takes --class ${JSON.stringify(value)}, not --kind (which names a kind of record); classes: ${CONFLICT_CLASS_OPTIONS.join(', ')}`,
        );
      }),
    );
    cmd.addHelpText('after', CLASSES_HELP);
    kit.examples(cmd, [
      'minerals conflicts',
      'minerals conflicts --about erg-gallium --class all',
      "minerals conflicts --class refinement --class change --json | jq '.[] | {id: .about.id, property, class}'",
    ]);
    cmd.action(async (opts: ConflictOptions, c: Command) =>
      kit.setExit(await conflictsCommand(kit.context(c), opts)),
    );
  },
};
