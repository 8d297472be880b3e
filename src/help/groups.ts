// How `minerals --help` is laid out: commands grouped by purpose, set here by command name after
// every command is registered, so a command module never needs to know where it is listed.
import { Command, Help, type Option } from 'commander';
import { listCommandOf, SHOW_COMMANDS } from '../schema/kinds.js';

/** Each group heading with its commands, in the order the help lists them. */
export const COMMAND_GROUPS: ReadonlyArray<
  readonly [heading: string, commands: readonly string[]]
> = [
  [
    'Query:',
    [
      'deposits',
      'deals',
      'projects',
      'companies',
      'people',
      'metals',
      'sources',
      'policies',
      'countries',
      'facts',
    ],
  ],
  ['Show one record:', ['show', ...SHOW_COMMANDS.map((s) => s.command)]],
  ['Explore:', ['search', 'timeline', 'conflicts', 'stats']],
  ['Check the data:', ['validate', 'coverage', 'schema']],
  ['Pictures:', ['graph', 'report']],
  ['Setup and help:', ['completion', 'help']],
];

const defaultHelp = new Help();
const position = new Map(
  COMMAND_GROUPS.flatMap(([, names], g) => names.map((n, i) => [n, g * 1000 + i] as const)),
);
const rank = (c: Command) => position.get(c.name()) ?? Number.MAX_SAFE_INTEGER;

function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

/**
 * Group the program's commands, order groups and commands as COMMAND_GROUPS says, give every
 * `<kind>` group command its examples, and take away commander's own `help` subcommands: the
 * `help` command (src/commands/help.ts) replaces them.
 */
export function organizeHelp(
  program: Command,
  examples: (cmd: Command, lines: readonly string[]) => Command,
): void {
  for (const [heading, names] of COMMAND_GROUPS)
    for (const c of program.commands) if (names.includes(c.name())) c.helpGroup(heading);
  for (const c of allCommands(program)) c.helpCommand(false);
  for (const s of SHOW_COMMANDS) {
    const group = program.commands.find((c) => c.name() === s.command);
    if (group)
      examples(group, [
        `minerals ${s.command} show ${s.example}`,
        `minerals ${s.command} show ${s.example} --json`,
        `minerals ${listCommandOf(s.kinds[0]!)}`,
      ]);
  }
  program.configureHelp({
    ...program.configureHelp(),
    // commander orders groups by first registration; list them by purpose instead
    groupItems<T extends Command | Option>(
      unsorted: T[],
      visible: T[],
      getGroup: (item: T) => string,
    ): Map<string, T[]> {
      const order = (items: T[]) =>
        items[0] instanceof Command
          ? [...items].sort((a, b) => rank(a as Command) - rank(b as Command))
          : items;
      return defaultHelp.groupItems(order(unsorted), order(visible), getGroup);
    },
  });
}
