// The completion tree: @bomb.sh/tab's commander adapter reads the program's commands, options and
// arguments; this adds what commander cannot know: the values each option takes (fixed
// vocabularies, and ids and names from the fact base in use). Loaded only by `minerals complete`
// and `minerals completion`, never on the query path.
import { Command } from 'commander';
import type { Complete, RootCommand } from '@bomb.sh/tab';
import { SHOW_COMMANDS } from '../schema/kinds.js';
import { KINDS, type Kind } from '../schema/vocab.js';

/** A value to offer, with the text zsh and fish show beside it. */
export interface Candidate {
  value: string;
  description: string;
}

/** Candidates from the fact base: records of these kinds (empty when the base cannot be read). */
export type DataSource = (kinds: readonly Kind[]) => Candidate[];

/** What the options and arguments take, as the commands declare it (commands/completion.ts). */
export interface Hints {
  /** Options whose value names a record, by option name, wherever they appear. */
  record: Readonly<Record<string, readonly Kind[]>>;
  /** Options with a closed vocabulary everywhere ... */
  fixed: Readonly<Record<string, readonly string[]>>;
  /** ... or only on one command. */
  fixedByCommand: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;
  shells: readonly string[];
  topics: readonly Candidate[];
}

const offer = (values: readonly Candidate[]) => (complete: Complete) => {
  for (const c of values) complete(c.value, c.description);
};
const plain = (values: readonly string[]) => values.map((value) => ({ value, description: '' }));

/**
 * The adapter's tree for `program`. The adapter adds its own `completion` and hidden `complete`
 * commands, so it is given a copy of the program's root without ours (commander refuses a second
 * command of a name); the subcommands are shared, which is fine for a process that only completes.
 */
export async function completionTree(
  program: Command,
  data: DataSource,
  hints: Hints,
): Promise<RootCommand> {
  const { default: tab } = await import('@bomb.sh/tab/commander');
  const view = new Command(program.name()).helpCommand(false);
  for (const o of program.options) view.addOption(o);
  for (const c of [...program.commands])
    if (c.name() !== 'completion' && c.name() !== 'complete') view.addCommand(c);
  const root = tab(view, { completionCommandName: 'completion' });

  const globals = [...root.options.values()].filter(
    (o) => o.value !== 'help' && o.value !== 'version',
  );

  for (const [path, cmd] of root.commands) {
    // global options are accepted after the command too: offer them there
    for (const g of globals) if (!cmd.options.has(g.value)) cmd.options.set(g.value, g);
    for (const [name, option] of cmd.options) {
      if (option.isBoolean) continue;
      const kinds = hints.record[name];
      const fixed = hints.fixedByCommand[path]?.[name] ?? hints.fixed[name];
      if (kinds) option.handler = (complete) => offer(data(kinds))(complete);
      else if (fixed) option.handler = offer(plain(fixed));
    }
    const id = cmd.arguments.get('id');
    if (id && (path === 'show' || path.endsWith(' show'))) {
      const kinds = SHOW_COMMANDS.find((s) => `${s.command} show` === path)?.kinds ?? KINDS;
      id.handler = (complete) => offer(data(kinds))(complete);
    }
  }
  // cite's and draft's source: the base's sources
  for (const name of ['cite', 'draft']) {
    const source = root.commands.get(name)?.arguments.get('source');
    if (source) source.handler = (complete) => offer(data(['source']))(complete);
  }
  const shell = root.commands.get('completion')?.arguments.get('shell');
  if (shell) shell.handler = offer(plain(hints.shells));
  const help = root.commands.get('help')?.arguments.get('name');
  if (help) {
    const commands = [...root.commands.entries()].filter(([p]) => !p.includes(' '));
    help.handler = offer([
      ...hints.topics,
      ...commands.map(([value, c]) => ({ value, description: c.description })),
    ]);
  }
  return root;
}
