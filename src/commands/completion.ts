// `minerals completion SHELL` prints a completion script; the hidden `minerals complete -- WORDS`
// is what that script calls on every TAB. Both load @bomb.sh/tab and the completion tree only
// when run, so nothing here slows down a query. What an option takes is derived from the list
// views (record kinds and closed vocabularies of every filter) and from the vocabularies here.
import type { Command } from 'commander';
import type { Candidate, Hints } from '../completion/tree.js';
import { makeContext } from '../context.js';
import { UserError } from '../errors.js';
import { TOPICS, TOPIC_NAMES } from '../help/topics.js';
import { KIND_VIEWS } from '../render/kinds.js';
import { COLORS } from '../render/color.js';
import { FORMATS } from '../render/output.js';
import { LIST_COMMANDS } from '../schema/kinds.js';
import {
  CONFLICT_CLASS_OPTIONS,
  KINDS,
  type Kind,
  MODALITIES,
  PROPERTY_NAMES,
} from '../schema/vocab.js';
import { openBaseIndex } from './common.js';
import type { CommandEntry, Kit } from './kit.js';

export const SHELLS: readonly string[] = ['bash', 'zsh', 'fish'];

/** Record options outside the list views: any record, a source, a speaker. */
const OTHER_RECORD_OPTIONS: Record<string, readonly Kind[]> = {
  about: KINDS,
  source: ['source'],
  'said-by': ['person', 'organization'],
};

function hints(): Hints {
  const record: Record<string, readonly Kind[]> = { ...OTHER_RECORD_OPTIONS };
  const fixedByCommand: Record<string, Record<string, readonly string[]>> = {
    conflicts: { class: CONFLICT_CLASS_OPTIONS },
  };
  for (const { command, kinds } of LIST_COMMANDS)
    for (const f of KIND_VIEWS[kinds[0]!].list?.filters ?? []) {
      const name = f.flag.slice(2).split(' ')[0]!;
      if (f.kinds) record[name] = f.kinds;
      if (f.values) (fixedByCommand[command] ??= {})[name] = f.values;
    }
  return {
    record,
    fixed: {
      format: FORMATS,
      property: PROPERTY_NAMES,
      kind: KINDS,
      modality: MODALITIES,
      color: COLORS,
    },
    fixedByCommand,
    shells: SHELLS,
    topics: TOPIC_NAMES.map((t) => ({ value: t, description: TOPICS[t] })),
  };
}

/** The records of some kinds from the base the command line names; none when it cannot be read. */
async function recordSource(kit: Kit, c: Command, words: readonly string[]) {
  const { optionValue, recordCandidates } = await import('../completion/complete.js');
  const before = words.slice(0, -1);
  const ctx = kit.context(c);
  // the same loader as every query (the cache when it is fresh), its warnings going nowhere
  const quiet = makeContext(
    { data: optionValue(before, 'data'), seeds: optionValue(before, 'seeds') },
    { ...ctx.io, err: () => {} },
  );
  // a base with errors still offers the ids of its valid records
  const index = await openBaseIndex({ ...quiet, allowInvalid: true }).catch(() => null);
  return (kinds: readonly Kind[]): Candidate[] => {
    try {
      return index ? recordCandidates(kinds.flatMap((k) => index.ofKind(k))) : [];
    } catch {
      return [];
    }
  };
}

export const completion: CommandEntry = {
  names: ['completion', 'complete'],
  group: 'Setup and help:',
  wholeProgram: true,
  register: (program, kit) => {
    const cmd = program
      .command('completion')
      .argument('<shell>', 'bash, zsh or fish', (shell: string) => {
        if (!SHELLS.includes(shell))
          throw new UserError(
            `completion: unknown shell ${JSON.stringify(shell)}; use bash, zsh or fish`,
          );
        return shell;
      })
      .description(
        'print the tab-completion script for bash, zsh or fish: commands, options, values and ids',
      );
    kit.examples(cmd, [
      'minerals completion bash > ~/.local/share/bash-completion/completions/minerals',
      'minerals completion zsh > ~/.zfunc/_minerals',
      'minerals completion fish > ~/.config/fish/completions/minerals.fish',
    ]);
    cmd.action(async (shell: string, _opts: unknown, c: Command) => {
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
        const { complete, DIRECTORIES, FILES, wantsDirectory, wantsFile } = await import(
          '../completion/complete.js'
        );
        if (wantsDirectory(words)) return kit.context(c).io.out(DIRECTORIES);
        if (wantsFile(words)) return kit.context(c).io.out(FILES);
        const data = await recordSource(kit, c, words);
        kit.context(c).io.out(await complete(program, words, data, hints()));
      });
  },
};
