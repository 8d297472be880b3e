// Every command, in the order `minerals --help` lists them: one line per command module.
import { citeEntry } from './cite.js';
import { completion } from './completion.js';
import { conflicts } from './conflicts.js';
import { coverage } from './coverage.js';
import { draftEntry } from './draft.js';
import { exportEntry } from './export.js';
import { facts } from './facts.js';
import { fmt } from './fmt.js';
import { graph } from './graph.js';
import { help } from './help.js';
import type { CommandEntry, JsonOutput } from './kit.js';
import { lists } from './lists.js';
import { report } from './report.js';
import { schema } from './schema.js';
import { searchEntry } from './search.js';
import { show } from './show.js';
import { sourceAdd } from './source-add.js';
import { stats } from './stats.js';
import { timeline } from './timeline.js';
import { validate } from './validate.js';

export const COMMANDS: readonly CommandEntry[] = [
  lists,
  facts,
  show,
  searchEntry,
  timeline,
  conflicts,
  stats,
  validate,
  coverage,
  schema,
  sourceAdd,
  citeEntry,
  draftEntry,
  fmt,
  graph,
  report,
  exportEntry,
  completion,
  help,
];

/** What every command prints with --json, by command name, in help order. */
export const OUTPUTS: ReadonlyMap<string, JsonOutput> = new Map(
  COMMANDS.flatMap((e) => Object.entries(e.outputs ?? {})),
);
