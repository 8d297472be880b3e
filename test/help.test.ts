// Help that teaches: grouped commands, examples on every command's help (each one run, in-process),
// the help command, and the help topics.
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHOW_COMMANDS } from '../src/schema/kinds.js';
import { FORMATS } from '../src/render/output.js';
import { ROOT, run, tempDir, type RunResult } from './helpers.js';

/** The groups of `minerals --help` with their commands, in order: what a user sees. */
const GROUPS: Array<[string, string[]]> = [
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
  [
    'Show one record:',
    [
      'show',
      'deposit',
      'deal',
      'project',
      'company',
      'person',
      'metal',
      'source',
      'policy',
      'country',
    ],
  ],
  ['Explore:', ['search', 'timeline', 'conflicts', 'stats']],
  ['Check the data:', ['validate', 'coverage', 'schema']],
  ['Write the data:', ['cite', 'draft', 'fmt']],
  ['Pictures:', ['graph', 'report']],
  ['Export:', ['export']],
  ['Setup and help:', ['completion', 'help']],
];
const COMMAND_HEADINGS = new Set([...GROUPS.map(([h]) => h), 'Commands:']);

/** Headings of a help text (unindented lines ending in ":"), in order, each with its items' first words. */
function sections(help: string): Array<[string, string[]]> {
  const out: Array<[string, string[]]> = [];
  for (const line of help.split('\n')) {
    if (/^\S.*:$/.test(line)) out.push([line, []]);
    else if (out.length > 0 && /^ {2}\S/.test(line))
      out.at(-1)![1].push(line.trim().split(/\s+/)[0]!);
  }
  return out;
}

const subcommands = (help: string) =>
  sections(help).flatMap(([h, items]) => (COMMAND_HEADINGS.has(h) ? items : []));

/** The words of an example's command line, up to a pipe, redirection, `&&` or `;`; quotes removed. */
function exampleArgs(line: string): string[] {
  const words: string[] = [];
  let word: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (ch === "'" || ch === '"') {
      const end = line.indexOf(ch, i + 1);
      word = (word ?? '') + line.slice(i + 1, end);
      i = end;
    } else if (/\s/.test(ch)) {
      if (word !== null) words.push(word);
      word = null;
    } else if ('|>;&'.includes(ch)) break;
    else word = (word ?? '') + ch;
  }
  if (word !== null) words.push(word);
  expect(words[0]).toBe('minerals');
  return words.slice(1);
}

/** The example lines that end a help text (none when it does not end with examples). */
const examplesAtEnd = (help: string) =>
  /\nExamples:\n((?: {2}\$ minerals .*\n)+)$/
    .exec(help)?.[1]
    ?.trimEnd()
    .split('\n')
    .map((l) => l.slice(4)) ?? [];

/** Run each command line in turn, in-process, from `cwd`. */
async function runEach(lines: readonly string[][], cwd: string): Promise<RunResult[]> {
  const results: RunResult[] = [];
  for (const args of lines) results.push(await run(args, { cwd }));
  return results;
}

/**
 * A working directory where the examples' `./my-base`, `my-base` and `my-texts` are the shipped
 * base: copies of data/ and seeds/, which `source add` writes to, with the `article.txt` it adds.
 */
function exampleDir(): string {
  const dir = tempDir('minerals-examples-');
  fs.cpSync(path.join(ROOT, 'data'), path.join(dir, 'my-base'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
  fs.symlinkSync(path.join(ROOT, 'seeds'), path.join(dir, 'my-texts'));
  fs.writeFileSync(path.join(dir, 'article.txt'), 'Acme Corp found lithium near Almaty.\n');
  return dir;
}

describe('minerals --help', () => {
  let help: RunResult;
  beforeAll(async () => {
    help = await run(['--help']);
  });

  it('groups the commands by purpose, in a fixed order, with nothing left ungrouped', () => {
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(sections(help.stdout).map(([h]) => h)).toEqual([
      'Options:',
      ...GROUPS.map(([h]) => h),
      'Examples:',
      'Help topics (minerals help TOPIC):',
    ]);
    expect(sections(help.stdout).filter(([h]) => COMMAND_HEADINGS.has(h))).toEqual(GROUPS);
  });

  it('ends with examples, the help topics, the exit codes and the environment', () => {
    expect(help.stdout.slice(help.stdout.indexOf('\nExamples:\n'))).toBe(
      [
        '',
        'Examples:',
        '  $ minerals deposits --metal copper       copper deposits, with their figures',
        '  $ minerals deal show erg-mitsubishi      one record with its claims and quotes',
        '  $ minerals facts --about karabas --cite  claims on a record, with the quotes',
        '  $ minerals timeline --from 2025          dated events from 2025 on',
        '  $ minerals validate --data ./my-base     check your own fact base',
        "  $ minerals deals --json | jq '.[].id'",
        '',
        'Help topics (minerals help TOPIC):',
        '  formats     formats, fields, sorting, limits, --cite, tables, the pager and the JSON contract',
        '  exit-codes  what the exit codes 0, 1 and 2 mean and when each happens',
        '  data        how to write a fact file, point minerals at it and check it',
        '',
        'Exit codes: 0 ok, 1 the data has errors, 2 bad usage or unreadable input.',
        'Environment: MINERALS_DATA (data directory), MINERALS_SEEDS (source texts), NO_COLOR, FORCE_COLOR.',
        '',
      ].join('\n'),
    );
  });

  it('shows no commander help subcommand on any command', async () => {
    expect((await run(['deal', '--help'])).stdout).toBe(
      [
        'Usage: minerals deal [options] [command]',
        '',
        'deal: show one (minerals deal show ID)',
        '',
        'Options:',
        '  -h, --help  show help',
        '',
        'Commands:',
        '  show <id>   show one deal: its fields, its claims with their quotes, and what',
        '              refers to it',
        '',
        'Examples:',
        '  $ minerals deal show erg-mitsubishi',
        '  $ minerals deal show erg-mitsubishi --json',
        '  $ minerals deals',
        '',
      ].join('\n'),
    );
  });
});

describe('a command another module adds to (source add under source)', () => {
  it('is said beside show in the help of the word, and runs when only that word is built', async () => {
    const help = await run(['--help']);
    expect(help.stdout).toContain(
      [
        '  source                    source: show one, or add a stored text (minerals',
        '                            source show ID, minerals source add FILE)',
      ].join('\n'),
    );
    expect(subcommands((await run(['source', '--help'])).stdout)).toEqual(['show', 'add']);
    expect((await run(['source', 'show', 'erg-not-for-sale'])).code).toBe(0);
    expect((await run(['source', 'add', '--help'])).stdout).toMatch(
      /^Usage: minerals source add \[options\] <file>\n/,
    );
  });
});

describe('every command', () => {
  it("ends its help with two or three examples, and every example's command runs and succeeds", async () => {
    // walk the program through its own help: every command a user can see, at every depth
    const paths: string[][] = [];
    const helps = new Map<string, string>();
    let level: string[][] = [[]];
    while (level.length > 0) {
      const results = await runEach(
        level.map((p) => [...p, '--help']),
        ROOT,
      );
      const nextLevel: string[][] = [];
      for (const [i, p] of level.entries()) {
        expect(results[i]!.code, p.join(' ')).toBe(0);
        helps.set(p.join(' '), results[i]!.stdout);
        for (const sub of subcommands(results[i]!.stdout)) nextLevel.push([...p, sub]);
      }
      paths.push(...level);
      level = nextLevel;
    }
    // 30 top-level commands, a `show` under each of the nine kinds, and `source add`
    expect(paths.filter((p) => p.length === 1)).toHaveLength(GROUPS.flatMap(([, c]) => c).length);
    expect(paths.filter((p) => p.length === 2).map((p) => p.join(' '))).toEqual(
      SHOW_COMMANDS.flatMap((s) =>
        s.command === 'source' ? ['source show', 'source add'] : [`${s.command} show`],
      ),
    );

    const examples: Array<{ command: string; line: string }> = [];
    const counts = paths
      .filter((p) => p.length > 0)
      .flatMap((p) => {
        const lines = examplesAtEnd(helps.get(p.join(' '))!);
        for (const line of lines) examples.push({ command: p.join(' '), line });
        return lines.length >= 2 && lines.length <= 3
          ? []
          : [`minerals ${p.join(' ')} --help ends with ${lines.length} examples`];
      });
    for (const line of examplesAtEnd(
      `${helps.get('')!.slice(0, helps.get('')!.indexOf('\n\nHelp topics'))}\n`,
    ))
      examples.push({ command: '', line: line.replace(/ {2,}.*$/, '') });

    const cwd = exampleDir();
    const runs = await runEach(
      examples.map((e) => exampleArgs(e.line)),
      cwd,
    );
    const failed = examples.flatMap((e, i) =>
      runs[i]!.code === 0 && runs[i]!.stderr === ''
        ? []
        : [`${e.line}: exit ${runs[i]!.code} ${runs[i]!.stderr}`],
    );
    expect([...counts, ...failed]).toEqual([]);
    expect(examples.length).toBeGreaterThan(80);
  });
});

describe('minerals help', () => {
  it('with nothing after it is the program help, as are --help and no arguments', async () => {
    const help = await run(['help']);
    expect(help.code).toBe(0);
    expect(help.stderr).toBe('');
    expect(help.stdout).toMatch(/^Usage: minerals \[options\] \[command\]\n/);
    expect(await run(['--help'])).toEqual(help);
    expect(await run([])).toEqual(help);
  });

  it("shows a command's help, or a subcommand's", async () => {
    const deposits = await run(['help', 'deposits']);
    expect(deposits.code).toBe(0);
    expect(deposits.stdout).toMatch(/^Usage: minerals deposits \[options\]\n/);
    expect(deposits).toEqual(await run(['deposits', '--help']));
    const show = await run(['help', 'deal', 'show']);
    expect(show.stdout).toMatch(/^Usage: minerals deal show \[options\] <id>\n/);
    expect(show).toEqual(await run(['deal', 'show', '--help']));
  });

  it('an unknown command or topic is a usage error (exit 2) with "did you mean"', async () => {
    expect(await run(['help', 'nosuch'])).toEqual({
      stdout: '',
      stderr:
        'minerals: help: no command or topic "nosuch" (did you mean one of the topics formats, exit-codes, data? run minerals help for every command)\n',
      code: 2,
    });
    expect(await run(['help', 'formts'])).toEqual({
      stdout: '',
      stderr: 'minerals: help: no command or topic "formts" (did you mean formats?)\n',
      code: 2,
    });
    expect(await run(['help', 'deposts'])).toEqual({
      stdout: '',
      stderr: 'minerals: help: no command or topic "deposts" (did you mean deposits, deposit?)\n',
      code: 2,
    });
    expect(await run(['help', 'deal', 'shwo'])).toEqual({
      stdout: '',
      stderr: 'minerals: help: "deal" has no subcommand "shwo" (did you mean show?)\n',
      code: 2,
    });
    expect(await run(['help', 'formats', 'json'])).toEqual({
      stdout: '',
      stderr: 'minerals: help: topic "formats" takes nothing after it, not "json"\n',
      code: 2,
    });
  });

  it('does not offer the hidden complete command', async () => {
    expect((await run(['help', 'complete'])).code).toBe(2);
  });
});

describe('help topics', () => {
  it('formats: every format and output option, and the JSON contract', async () => {
    const r = await run(['help', 'formats']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout.split('\n')[0]).toBe('Output formats');
    for (const f of FORMATS) expect(r.stdout, f).toMatch(new RegExp(`\\n  ${f} +\\S`));
    for (const o of ['--fields a,b,c', '--sort FIELD', '--limit N', '--no-headers', '--cite'])
      expect(r.stdout, o).toMatch(new RegExp(`\\n  ${o} +\\S`));
    expect(r.stdout).toContain(
      '\nThe JSON contract: json, ndjson and yaml are for programs, and stay stable;',
    );
  });

  it('exit-codes: 0, 1 and 2, and the examples end as the topic says', async () => {
    const r = await run(['help', 'exit-codes']);
    expect(r.code).toBe(0);
    expect(
      r.stdout
        .split('\n')
        .filter((l) => /^ {2}\d /.test(l))
        .map((l) => l.slice(0, 5)),
    ).toEqual(['  0  ', '  1  ', '  2  ']);
    const lines = examplesAtEnd(r.stdout);
    expect(lines).toEqual([
      'minerals validate --data ./my-base && echo clean',
      'minerals deal show no-such-deal; echo $?',
      'minerals deposits --status nonsense; echo $?',
    ]);
    const cwd = exampleDir();
    const runs = await runEach(lines.map(exampleArgs), cwd);
    expect(runs.map((x) => x.code)).toEqual([0, 1, 2]);
    expect(runs[1]!.stderr).toBe('minerals: no deal "no-such-deal"\n');
    expect(runs[2]!.stderr).toBe(
      'minerals: --status must be one of occurrence, prospect, exploration, development, producing, past-producer, closed, unknown, not "nonsense"\n',
    );
  });

  it('formats: its examples run', async () => {
    const lines = examplesAtEnd((await run(['help', 'formats'])).stdout);
    expect(lines).toHaveLength(3);
    const runs = await runEach(lines.map(exampleArgs), ROOT);
    expect(runs.map((x) => [x.code, x.stderr])).toEqual(lines.map(() => [0, '']));
    expect(runs[0]!.stdout).toBe(
      'id,name,status\r\nkarabas,Karabas,exploration\r\nsyrymbet,Syrymbet,exploration\r\nkuirektykol,Kuirektykol,unknown\r\n',
    );
  });

  it('data: the minimal fact base it shows validates and answers queries', async () => {
    const r = await run(['help', 'data']);
    expect(r.code).toBe(0);
    const text = r.stdout;
    const yaml = /my-base\/facts\.yaml:\n\n((?: {2}.*\n)+)\n/
      .exec(text)![1]!
      .replace(/^ {2}/gm, '');
    const seed = /my-base\/seeds\/field-notes\.txt:\n\n {2}(.*)\n/.exec(text)![1]!;
    const dir = tempDir('minerals-help-data-');
    fs.mkdirSync(path.join(dir, 'my-base', 'seeds'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'my-base', 'facts.yaml'), yaml);
    fs.writeFileSync(path.join(dir, 'my-base', 'seeds', 'field-notes.txt'), `${seed}\n`);
    fs.mkdirSync(path.join(dir, 'my-texts'));
    fs.writeFileSync(path.join(dir, 'my-texts', 'field-notes.txt'), `${seed}\n`);
    expect(await run(['validate', '--data', 'my-base'], { cwd: dir })).toEqual({
      stdout: '',
      stderr: '',
      code: 0,
    });
    expect(await run(['deposits', '--data', 'my-base'], { cwd: dir })).toEqual({
      stdout:
        'ID       NAME     COUNTRY     STATUS       COMMODITIES  FIGURES\nkarabas  Karabas  Kazakhstan  exploration  copper       > 250,000 t copper\n',
      stderr: '',
      code: 0,
    });
    expect(
      (await run(['deposits'], { cwd: dir, env: { MINERALS_DATA: path.join(dir, 'my-base') } }))
        .stdout,
    ).toContain('\nkarabas  Karabas  Kazakhstan  ');
    const lines = examplesAtEnd(text);
    expect(lines).toHaveLength(3);
    const runs = await runEach(lines.map(exampleArgs), dir);
    expect(runs.map((x) => [x.code, x.stderr])).toEqual(lines.map(() => [0, '']));
  });
});
