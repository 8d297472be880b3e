// `minerals help [COMMAND... | TOPIC]`: the program's help, one command's help, or a help topic.
// It replaces commander's own help command; the topic texts load only when asked for.
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { closest } from '../util/suggest.js';
import { isTopic, TOPIC_NAMES } from '../help/topics.js';
import type { CommandEntry } from './kit.js';

/** The command that `names` (a command, then subcommands) leads to; a usage error otherwise. */
function findCommand(program: Command, names: readonly string[]): Command {
  let target = program;
  for (const [i, name] of names.entries()) {
    const visible = target.createHelp().visibleCommands(target);
    const next = visible.find((c) => c.name() === name || c.aliases().includes(name));
    if (next) {
      target = next;
      continue;
    }
    if (i === 0) {
      const near = closest(name, [...TOPIC_NAMES, ...visible.map((c) => c.name())], 3);
      const hint =
        near.length > 0
          ? near.join(', ')
          : `one of the topics ${TOPIC_NAMES.join(', ')}? run minerals help for every command`;
      throw new UserError(
        `help: no command or topic ${JSON.stringify(name)} (did you mean ${hint}${near.length > 0 ? '?' : ''})`,
      );
    }
    const subs = visible.map((c) => c.name());
    const near = closest(name, subs, 3);
    throw new UserError(
      `help: ${JSON.stringify(names.slice(0, i).join(' '))} has no subcommand ${JSON.stringify(name)}` +
        (near.length > 0
          ? ` (did you mean ${near.join(', ')}?)`
          : subs.length > 0
            ? ` (its subcommands: ${subs.join(', ')})`
            : ''),
    );
  }
  return target;
}

export const help: CommandEntry = {
  names: ['help'],
  group: 'Setup and help:',
  wholeProgram: true,
  register: (program, kit) => {
    const cmd = program
      .command('help')
      .argument('[name...]', `a command (and subcommand), or a topic: ${TOPIC_NAMES.join(', ')}`)
      .description('help for the program, a command, or a topic: formats, exit-codes, data');
    kit.examples(cmd, [
      'minerals help formats',
      'minerals help exit-codes',
      'minerals help deal show',
    ]);
    cmd.action(async (names: string[], _opts: unknown, c: Command) => {
      const [first, ...rest] = names;
      if (first !== undefined && isTopic(first)) {
        if (rest.length > 0)
          throw new UserError(
            `help: topic ${JSON.stringify(first)} takes nothing after it, not ${JSON.stringify(rest.join(' '))}`,
          );
        const { TOPIC_TEXT } = await import('../help/texts.js');
        kit.context(c).io.out(TOPIC_TEXT[first]);
        return;
      }
      findCommand(program, names).outputHelp();
    });
  },
};
