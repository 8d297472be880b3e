// Every command, in the order `minerals --help` lists them.
import { registerDeposits } from './deposits.js';
import { registerLists } from './lists.js';
import { registerShowCommands } from './show.js';
import { registerTimeline } from './timeline.js';
import { registerConflicts } from './conflicts.js';
import { registerFacts } from './facts.js';
import { registerSearch } from './search.js';
import { registerStats } from './stats.js';
import { registerGraph } from './graph.js';
import { registerReport } from './report.js';
import type { Registrar } from './kit.js';

export const REGISTRARS: readonly Registrar[] = [
  registerDeposits,
  registerLists,
  registerShowCommands,
  registerTimeline,
  registerConflicts,
  registerFacts,
  registerSearch,
  registerStats,
  registerGraph,
  registerReport,
];
