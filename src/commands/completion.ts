// `minerals completion SHELL` prints a completion script; the hidden `minerals complete -- WORDS`
// is what that script calls on every TAB. Both load @bomb.sh/tab and the completion tree only
// when run, so nothing here slows down a query.
import type { Command } from 'commander';
import { UserError } from '../errors.js';
import { TOPICS, TOPIC_NAMES } from './help.js';
import type { Kit } from './kit.js';

export const SHELLS: readonly string[] = ['bash', 'zsh', 'fish'];

export function registerCompletion(program: Command, kit: Kit): void {
  const cmd = program
    .command('completion')
    .argument('<shell>', 'bash, zsh or fish')
    .description(
      'print the tab-completion script for bash, zsh or fish: commands, options, values and ids',
    );
  kit.examples(cmd, [
    'minerals completion bash > ~/.local/share/bash-completion/completions/minerals',
    'minerals completion zsh > ~/.zfunc/_minerals',
    'minerals completion fish > ~/.config/fish/completions/minerals.fish',
  ]);
  cmd.action(async (shell: string, _opts: unknown, c: Command) => {
    if (!SHELLS.includes(shell))
      throw new UserError(
        `completion: unknown shell ${JSON.stringify(shell)}; use bash, zsh or fish`,
      );
    const { script } = await import('../completion/complete.js');
    kit.context(c).io.out(await script(shell));
  });

  program
    .command('complete', { hidden: true })
    .description('print the completions of a command line (called by the completion scripts)')
    .argument('[words...]')
    .allowUnknownOption()
    .helpOption(false)
    .action(async (words: string[], _opts: unknown, c: Command) => {
      const { complete } = await import('../completion/complete.js');
      kit.context(c).io.out(
        await complete(
          program,
          words,
          kit.context(c).io,
          TOPIC_NAMES.map((t) => ({ value: t, description: TOPICS[t] })),
        ),
      );
    });
}
