// `minerals complete -- WORDS`: what the shell scripts call on every TAB. Prints one candidate a
// line (value, tab, description) and a directive line, as @bomb.sh/tab's scripts expect. Nothing
// else ever reaches the shell: the fact base is loaded quietly, and a base that cannot be read
// yields no record candidates rather than a message.
import type { Command } from 'commander';
import { sanitize } from '../util/sanitize.js';
import type { FactRecord } from '../schema/index.js';
import { type Candidate, completionTree, type DataSource, type Hints } from './tree.js';

/** A value the shell can insert as one word without quoting; anything else is not offered. */
const SHELL_WORD = /^[\p{L}\p{N}][\p{L}\p{N}._+-]*$/u;

/** The value of `--NAME VALUE` or `--NAME=VALUE` among the words before the one being completed. */
export function optionValue(words: readonly string[], name: string): string | undefined {
  let value: string | undefined;
  for (const [i, w] of words.entries()) {
    if (w === `--${name}` && i + 1 < words.length) value = words[i + 1];
    else if (w.startsWith(`--${name}=`)) value = w.slice(name.length + 3);
  }
  return value;
}

/** Ids of the records of some kinds, then their names, aliases and symbols that are one word. */
export function recordCandidates(records: readonly FactRecord[]): Candidate[] {
  const out: Candidate[] = records.map((r) => ({ value: r.id, description: sanitize(r.name) }));
  for (const r of records) {
    const other = [
      r.name,
      ...(r.aliases ?? []),
      ...(r.kind === 'commodity' && r.symbol ? [r.symbol] : []),
    ];
    for (const o of other)
      if (o !== r.id && SHELL_WORD.test(o)) out.push({ value: o, description: r.id });
  }
  return out.filter((c) => SHELL_WORD.test(c.value));
}

/** Capture what the adapter prints with console.log, so that output goes through Io. */
function captureLog(fn: () => void): string {
  const lines: string[] = [];
  const log = console.log;
  console.log = (...args: unknown[]) => void lines.push(args.map(String).join(' '));
  try {
    fn();
  } finally {
    console.log = log;
  }
  return lines.map((l) => `${l}\n`).join('');
}

/**
 * The directive that offers nothing and leaves the word to the shell's own completion of file
 * names (zsh and fish do that; the bash script is taught to, withFileFallback).
 */
export const FILES = ':0\n';

/**
 * Completing an argument named `file` (`source add FILE`, `fmt [FILE...]`): the command words and option values
 * before it are read with the program's own options, so that `--id X` is not taken for FILE.
 */
export function wantsFile(program: Command, words: readonly string[]): boolean {
  const current = words.at(-1) ?? '';
  if (current.startsWith('-')) return false;
  let cmd = program;
  let given = 0;
  const before = words.slice(0, -1);
  for (let i = 0; i < before.length; i++) {
    const w = before[i]!;
    if (w.startsWith('-')) {
      const name = w.split('=')[0]!;
      const option = [cmd, program].flatMap((c) => c.options).find((o) => o.long === name);
      if (option && (option.required || option.optional) && !w.includes('=')) {
        // the word being completed is this option's value
        if (i + 1 === before.length) return false;
        i++;
      }
      continue;
    }
    const sub = cmd.commands.find((c) => c.name() === w);
    if (sub && given === 0) cmd = sub;
    else given++;
  }
  // a list (`fmt [file...]`) takes every word from its place on
  const args = cmd.registeredArguments;
  const arg = args[given] ?? (args.at(-1)?.variadic ? args.at(-1) : undefined);
  return arg?.name() === 'file';
}

/** The adapter's directive that makes the scripts complete directory names instead. */
export const DIRECTORIES = ':16\n';

/** Completing the value of --data or --seeds: directory names. */
export function wantsDirectory(words: readonly string[]): boolean {
  const previous = words.slice(0, -1).at(-1);
  return (previous === '--data' || previous === '--seeds') && !words.at(-1)?.startsWith('-');
}

export async function complete(
  program: Command,
  words: readonly string[],
  data: DataSource,
  hints: Hints,
): Promise<string> {
  const root = await completionTree(program, data, hints);
  return captureLog(() => root.parse([...words]));
}

/** The completion script for a shell, from the adapter. */
export async function script(shell: string): Promise<string> {
  const { script: write } = await import('@bomb.sh/tab');
  const text = captureLog(() => write(shell, 'minerals', 'minerals'));
  return shell === 'bash' ? withFileFallback(withWordsFallback(text)) : text;
}

/**
 * The adapter's bash script completes nothing when the directive leaves the word to the shell
 * (FILES): complete file names then, as its zsh and fish scripts do.
 */
function withFileFallback(text: string): string {
  const at = text.indexOf('    # Process completions\n');
  if (at < 0) return text;
  const files = `    # Nothing offered and file names allowed: the shell's file names (as zsh and fish do)
    if [[ $directive -eq 0 && -z $out ]]; then
        compopt -o filenames 2>/dev/null
        COMPREPLY=( $(compgen -f -- "$cur") )
        return
    fi

`;
  return text.slice(0, at) + files + text.slice(at);
}

/**
 * The adapter's bash script needs _get_comp_words_by_ref from the bash-completion package; where
 * that is not loaded, split the line up to the cursor at blanks instead (as it does with -n "=:").
 */
function withWordsFallback(text: string): string {
  const call = '_get_comp_words_by_ref -n "=:" cur prev words cword';
  const fallback = `# Words of the line up to the cursor: bash-completion's helper when it is loaded, else split at blanks.
__minerals_words() {
    if declare -F _get_comp_words_by_ref >/dev/null 2>&1; then
        ${call}
        return
    fi
    local line=\${COMP_LINE:0:COMP_POINT}
    read -r -a words <<< "$line"
    if [[ -z $line || $line == *[[:blank:]] ]]; then
        words+=("")
    fi
    cword=$(( \${#words[@]} - 1 ))
    cur=\${words[cword]}
    prev=\${words[cword-1]:-}
}

`;
  if (!text.includes(call)) return text;
  const at = Math.max(0, text.indexOf('# Function to handle completions'));
  return `${text.slice(0, at)}${fallback}${text.slice(at).replace(call, '__minerals_words')}`;
}
