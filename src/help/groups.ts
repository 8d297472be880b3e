// How `minerals --help` is laid out: each command under the heading its module declares, in the
// order the registry lists them (commander orders groups by their first command), and no
// `help` subcommands of commander's own: the `help` command (src/commands/help.ts) replaces them.
import type { Command } from 'commander';

function allCommands(cmd: Command): Command[] {
  return [cmd, ...cmd.commands.flatMap(allCommands)];
}

/** `entries`: the command modules' names and help groups (commands/index.ts). */
export function organizeHelp(
  program: Command,
  entries: ReadonlyArray<{ names: readonly string[]; group: string }>,
): void {
  for (const entry of entries)
    for (const c of program.commands) if (entry.names.includes(c.name())) c.helpGroup(entry.group);
  for (const c of allCommands(program)) c.helpCommand(false);
  // `export <format> <target>`, not `export [options] <format> <target>`: a command that takes
  // arguments lists them, and its own help its options, so that the list keeps its width
  program.configureHelp({
    subcommandTerm: (cmd) => {
      const args = cmd.registeredArguments.map((a) => {
        const name = `${a.name()}${a.variadic ? '...' : ''}`;
        return a.required ? `<${name}>` : `[${name}]`;
      });
      const options = cmd.options.length > 0 && args.length === 0 ? ' [options]' : '';
      return [`${cmd.name()}${options}`, ...args].join(' ');
    },
  });
}
