// Tab completion as a user gets it: the script `minerals completion bash` prints, sourced into a
// real bash, asked for the candidates of a command line. The `minerals` it calls runs in-process
// through a bridge, except in one test that calls the built bin on PATH.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Duplex } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { SHELLS } from '../src/commands/completion.js';
import { EXPORT_FORMATS } from '../src/pipeline/export.js';
import { FORMATS } from '../src/render/output.js';
import { DEPOSIT_STATUSES, DEAL_STATUSES } from '../src/schema/vocab.js';
import { BIN, FIXTURES, run, tempDir } from './helpers.js';

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
let binDir = '';
let scriptFile = '';

beforeAll(async () => {
  binDir = tempDir('minerals-bin-');
  fs.writeFileSync(
    path.join(binDir, 'minerals'),
    `#!/bin/sh\nexec ${q(process.execPath)} ${q(BIN)} "$@"\n`,
    { mode: 0o755 },
  );
  const r = await run(['completion', 'bash']);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  scriptFile = path.join(binDir, 'minerals.bash');
  fs.writeFileSync(scriptFile, r.stdout);
});

/**
 * The `minerals` that the script calls, as a bash function: it hands its arguments to this test
 * over fd 3 (NUL-separated, after their count), reads back exit code, stdout and stderr (each
 * NUL-terminated) and replays them. Bash and the script stay real; the CLI runs in-process.
 */
const BRIDGE = [
  'minerals() {',
  '  local code out err',
  '  printf \'%s\\0\' "$#" >&3',
  '  if (( $# )); then printf \'%s\\0\' "$@" >&3; fi',
  "  IFS= read -r -d '' code <&3; IFS= read -r -d '' out <&3; IFS= read -r -d '' err <&3",
  '  printf \'%s\' "$out"; printf \'%s\' "$err" >&2',
  '  return "$code"',
  '}',
].join('\n');

/**
 * Answer the bridge's requests on `channel` with in-process runs, one after another. A run that
 * throws is answered with exit 70 (so bash goes on) and kept in `errors` for the test to rethrow.
 * Returns how many requests it has answered so far.
 */
function serveBridge(
  channel: Duplex,
  opts: { cwd: string; env: Record<string, string | undefined> },
  errors: unknown[],
): () => number {
  let answered = 0;
  let buffered = Buffer.alloc(0);
  let busy = Promise.resolve();
  channel.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    for (;;) {
      const fields: string[] = [];
      let at = 0;
      let want = 1;
      while (fields.length < want) {
        const nul = buffered.indexOf(0, at);
        if (nul < 0) return;
        fields.push(buffered.subarray(at, nul).toString('utf8'));
        at = nul + 1;
        if (fields.length === 1) want = 1 + Number(fields[0]);
      }
      buffered = buffered.subarray(at);
      const args = fields.slice(1);
      busy = busy.then(async () => {
        try {
          const r = await run(args, opts);
          channel.write(`${r.code}\0${r.stdout}\0${r.stderr}\0`);
        } catch (e) {
          errors.push(e);
          channel.write('70\0\0\0');
        }
        answered++;
      });
    }
  });
  return () => answered;
}

/**
 * COMPREPLY for `line` (the cursor at its end), sorted, from the registered completion function,
 * in a real bash. `minerals` is the in-process bridge, or with `bin` the built bin on PATH.
 */
async function bashComplete(
  line: string,
  env: Record<string, string> = {},
  opts: { bin?: boolean; files?: readonly string[] } = {},
): Promise<{ candidates: string[]; stderr: string }> {
  const words = line.split(' ');
  const driver = [
    `source ${q(scriptFile)}`,
    ...(opts.bin ? [] : [BRIDGE]),
    'spec=$(complete -p minerals)',
    'fn=${spec#*-F }; fn=${fn%% *}',
    `COMP_LINE=${q(line)}`,
    'COMP_POINT=${#COMP_LINE}',
    `COMP_WORDS=(${words.map(q).join(' ')})`,
    `COMP_CWORD=${words.length - 1}`,
    '"$fn" minerals "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"',
    'for c in "${COMPREPLY[@]}"; do printf "%s\\n" "$c"; done',
  ].join('\n');
  const baseEnv: Record<string, string | undefined> = {
    ...process.env,
    PATH: `${binDir}:${process.env.PATH}`,
    NO_COLOR: '1',
    MINERALS_DATA: undefined,
    MINERALS_SEEDS: undefined,
    ...env,
  };
  for (const k of Object.keys(baseEnv)) if (baseEnv[k] === undefined) delete baseEnv[k];
  const cwd = tempDir();
  for (const f of opts.files ?? []) fs.writeFileSync(path.join(cwd, f), '');
  const child = spawn('bash', ['--norc', '--noprofile', '-c', driver], {
    cwd,
    env: baseEnv as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
  });
  const errors: unknown[] = [];
  const answered = opts.bin ? null : serveBridge(child.stdio[3] as Duplex, { cwd, env }, errors);
  let stdout = '';
  let rawStderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (rawStderr += d.toString()));
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  if (errors.length > 0) throw errors[0];
  expect(status, rawStderr).toBe(0);
  // the script called `minerals` once, and it was the bridge, not a `minerals` found on PATH
  if (answered) expect(answered()).toBe(1);
  // compopt only works while bash itself is completing; its complaint here is expected
  const stderr = rawStderr
    .split('\n')
    .filter((l) => l !== '' && !l.endsWith('compopt: not currently executing completion function'))
    .join('\n');
  return {
    candidates: stdout
      .split('\n')
      .filter((l) => l !== '')
      .sort(),
    stderr,
  };
}

const sorted = (xs: readonly string[]) => [...xs].sort();

describe('bash completion', () => {
  it('registers a completion function for minerals', () => {
    const r = spawnSync(
      'bash',
      ['--norc', '--noprofile', '-c', `source ${q(scriptFile)}; complete -p minerals`],
      { encoding: 'utf8' },
    );
    expect(r.stdout).toBe('complete -F __minerals_complete minerals\n');
  });

  // a process: the script calling the built bin through PATH, end to end, as after installing
  it('completes commands', async () => {
    expect((await bashComplete('minerals dep', {}, { bin: true })).candidates).toEqual([
      'deposit',
      'deposits',
    ]);
    expect((await bashComplete('minerals comp', {}, { bin: true })).candidates).toEqual([
      'companies',
      'company',
      'completion',
    ]);
  });

  it("completes subcommands and the help command's topics", async () => {
    expect((await bashComplete('minerals deal s')).candidates).toEqual(['show']);
    expect((await bashComplete('minerals help ex')).candidates).toEqual(['exit-codes', 'export']);
    expect((await bashComplete('minerals completion ')).candidates).toEqual(sorted(SHELLS));
    expect((await bashComplete('minerals export ')).candidates).toEqual(sorted(EXPORT_FORMATS));
    expect((await bashComplete('minerals export sqlite out.sqlite --for')).candidates).toEqual([
      '--force',
    ]);
  });

  it('completes the modalities of --modality on facts, timeline and the lists, and conflict classes', async () => {
    for (const cmd of ['facts', 'timeline', 'projects'])
      expect((await bashComplete(`minerals ${cmd} --modality p`)).candidates).toEqual([
        'planned',
        'possible',
        'proposed',
      ]);
    expect((await bashComplete('minerals conflicts --class t')).candidates).toEqual(['tension']);
  });

  it('completes options, global options included', async () => {
    expect((await bashComplete('minerals deposits --m')).candidates).toEqual([
      '--metal',
      '--modality',
    ]);
    expect((await bashComplete('minerals deposits --d')).candidates).toEqual(['--data']);
    expect((await bashComplete('minerals facts --s')).candidates).toEqual([
      '--said-by',
      '--seeds',
      '--sort',
      '--source',
    ]);
  });

  it('completes record ids from the fact base', async () => {
    expect((await bashComplete('minerals deal show erg-')).candidates).toEqual([
      'erg-buyout-2013',
      'erg-mitsubishi',
    ]);
    expect((await bashComplete('minerals deposits --metal cop')).candidates).toEqual([
      'copper',
      'copper-concentrate',
    ]);
    expect((await bashComplete('minerals deals --party mits')).candidates).toEqual(['mitsubishi']);
    // cite's source: sources only (erg itself is an organization)
    expect((await bashComplete('minerals cite erg')).candidates).toEqual(['erg-not-for-sale']);
    expect((await bashComplete('minerals draft erg')).candidates).toEqual(['erg-not-for-sale']);
    expect((await bashComplete('minerals facts --source mntv')).candidates).toEqual([
      'mntv-gallium-market',
    ]);
    expect((await bashComplete('minerals facts --said-by sharl')).candidates).toEqual([
      'sharlapaev',
    ]);
    expect((await bashComplete('minerals timeline --about karab')).candidates).toEqual(['karabas']);
  });

  it('offers one-word names, aliases and symbols too', async () => {
    expect((await bashComplete('minerals metal show C')).candidates).toEqual([
      'Ce',
      'Cerium',
      'Co',
      'Cobalt',
      'Copper',
      'Cu',
    ]);
  });

  it("completes source add's FILE with file names, and its options", async () => {
    const files = { files: ['article.txt', 'notes.md'] };
    expect((await bashComplete('minerals source add ', {}, files)).candidates).toEqual([
      'article.txt',
      'notes.md',
    ]);
    expect((await bashComplete('minerals source add ar', {}, files)).candidates).toEqual([
      'article.txt',
    ]);
    // an option's value is not FILE, nor is a word after FILE
    expect((await bashComplete('minerals source add --id ', {}, files)).candidates).toEqual([]);
    expect(
      (await bashComplete('minerals source add --id x article.txt ', {}, files)).candidates,
    ).toEqual([]);
    expect((await bashComplete('minerals source add --pu')).candidates).toEqual([
      '--published',
      '--publisher',
    ]);
    expect((await bashComplete('minerals source ')).candidates).toEqual(['add', 'show']);
  });

  it('completes option values with fixed choices', async () => {
    expect((await bashComplete('minerals deposits --format ')).candidates).toEqual(sorted(FORMATS));
    expect((await bashComplete('minerals deposits --status ')).candidates).toEqual(
      sorted(DEPOSIT_STATUSES),
    );
    expect((await bashComplete('minerals deals --status ')).candidates).toEqual(
      sorted(DEAL_STATUSES),
    );
    expect((await bashComplete('minerals companies --type m')).candidates).toEqual([
      'media',
      'ministry',
    ]);
    expect((await bashComplete('minerals search --kind de')).candidates).toEqual([
      'deal',
      'deposit',
    ]);
  });

  it('uses the fact base named by --data earlier on the line, or by MINERALS_DATA', async () => {
    const minimal = path.join(FIXTURES, 'valid-minimal');
    expect((await bashComplete(`minerals --data ${minimal} deposits --metal `)).candidates).toEqual(
      ['Copper', 'Cu', 'copper'],
    );
    expect((await bashComplete(`minerals deposit show --data ${minimal} `)).candidates).toEqual([
      'Karabas',
      'karabas',
    ]);
    expect(
      (await bashComplete('minerals deposit show ', { MINERALS_DATA: minimal })).candidates,
    ).toEqual(['Karabas', 'karabas']);
  });

  it('a missing or broken fact base gives no record candidates and prints nothing', async () => {
    expect(await bashComplete('minerals --data /no/such/dir deposits --metal ')).toEqual({
      candidates: [],
      stderr: '',
    });
    expect(
      (await bashComplete('minerals deposits --metal ', { MINERALS_DATA: '/no/such/dir' }))
        .candidates,
    ).toEqual([]);
  });
});

describe('minerals complete (what the scripts call)', () => {
  it('prints candidates with descriptions and the directive, and nothing on stderr for a base with errors', async () => {
    expect(
      await run([
        'complete',
        '--',
        '--data',
        path.join(FIXTURES, 'rule-bad-enum'),
        'deposits',
        '--metal',
        '',
      ]),
    ).toEqual({
      stdout: 'copper\tCopper\nCopper\tcopper\nCu\tcopper\n:4\n',
      stderr: '',
      code: 0,
    });
    expect(await run(['complete', '--', '--data', '/no/such/dir', 'deal', 'show', ''])).toEqual({
      stdout: ':4\n',
      stderr: '',
      code: 0,
    });
  });

  it('never passes control characters from the data to the shell', async () => {
    const r = await run([
      'complete',
      '--',
      '--data',
      path.join(FIXTURES, 'hazard-control-chars'),
      'country',
      'show',
      '',
    ]);
    expect(r).toEqual({
      stdout:
        'peru\tPeru ^[[31mred^[[0m\ncolombia\tCol\\u{9B}2Jombia \\u{2028} ^@\nchile\tChile\nChile\tchile\n:4\n',
      stderr: '',
      code: 0,
    });
  });

  it("leaves source add's FILE to the shell's file names", async () => {
    for (const words of [
      ['source', 'add', ''],
      ['--data', 'd', 'source', 'add', '--dry-run', 'ar'],
    ])
      expect(await run(['complete', '--', ...words])).toEqual({
        stdout: ':0\n',
        stderr: '',
        code: 0,
      });
    expect((await run(['complete', '--', 'source', 'add', '--title', ''])).stdout).toBe(':4\n');
  });

  it('asks the shell for directory names after --data and --seeds', async () => {
    expect(await run(['complete', '--', 'deposits', '--data', ''])).toEqual({
      stdout: ':16\n',
      stderr: '',
      code: 0,
    });
    expect(await run(['complete', '--', '--seeds', 'se'])).toEqual({
      stdout: ':16\n',
      stderr: '',
      code: 0,
    });
  });
});

describe('minerals completion', () => {
  it('prints zsh and fish scripts that call minerals', async () => {
    const zsh = await run(['completion', 'zsh']);
    expect(zsh.code).toBe(0);
    expect(zsh.stderr).toBe('');
    expect(zsh.stdout.split('\n').slice(0, 2)).toEqual([
      '#compdef minerals',
      'compdef _minerals minerals',
    ]);
    expect(zsh.stdout).toContain('requestComp="minerals complete -- ${quoted_args[*]}"');
    const fish = await run(['completion', 'fish']);
    expect(fish.code).toBe(0);
    expect(fish.stderr).toBe('');
    expect(fish.stdout).toMatch(/^# fish completion for minerals/);
    expect(fish.stdout).toContain('complete -c minerals ');
  });

  it('an unknown or missing shell is a usage error (exit 2)', async () => {
    expect(await run(['completion', 'tcsh'])).toEqual({
      stdout: '',
      stderr: 'minerals: completion: unknown shell "tcsh"; use bash, zsh or fish\n',
      code: 2,
    });
    expect(await run(['completion'])).toEqual({
      stdout: '',
      stderr: "minerals: missing required argument 'shell'; see 'minerals completion --help'\n",
      code: 2,
    });
  });
});
