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

/** The adapter's directive that makes the scripts complete directory names instead. */
export const DIRECTORIES = ':16\n';

/** Completing the value of --data or --seeds: directory names. */
export function wantsDirectory(words: readonly string[]): boolean {
  const previous = words.slice(0, -1).at(-1);
  return (previous === '--data' || previous === '--seeds') && !words.at(-1)?.startsWith('-');
}

/** The adapter's default directive, with no candidates: the shell completes file names. */
export const FILES = ':0\n';

/** Options whose value is the next word (a word after one of them is not a FILE argument). */
const TAKES_VALUE = new Set(['--data', '--seeds', '--color', '--cache-dir']);

/** Completing a FILE argument of `fmt`: file names (a word starting with - is an option). */
export function wantsFile(words: readonly string[]): boolean {
  const previous = words.slice(0, -1).at(-1) ?? '';
  return (
    words.slice(0, -1).includes('fmt') &&
    !words.at(-1)?.startsWith('-') &&
    !TAKES_VALUE.has(previous)
  );
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
  return shell === 'bash' ? withWordsFallback(text) : text;
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
