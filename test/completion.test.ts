// Tab completion as a user gets it: the script `minerals completion bash` prints, sourced into a
// real bash, asked for the candidates of a command line, with `minerals` on PATH.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FORMATS } from '../src/render/output.js';
import { DEPOSIT_STATUSES, DEAL_STATUSES } from '../src/schema/vocab.js';
import { BIN, FIXTURES, runCli, tempDir } from './helpers.js';

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
let binDir = '';
let scriptFile = '';

beforeAll(() => {
  binDir = tempDir('minerals-bin-');
  fs.writeFileSync(
    path.join(binDir, 'minerals'),
    `#!/bin/sh\nexec ${q(process.execPath)} ${q(BIN)} "$@"\n`,
    { mode: 0o755 },
  );
  const r = runCli(['completion', 'bash']);
  expect(r.code).toBe(0);
  expect(r.stderr).toBe('');
  scriptFile = path.join(binDir, 'minerals.bash');
  fs.writeFileSync(scriptFile, r.stdout);
});

/** COMPREPLY for `line` (the cursor at its end), sorted, from the registered completion function. */
function bashComplete(
  line: string,
  env: Record<string, string> = {},
): { candidates: string[]; stderr: string } {
  const words = line.split(' ');
  const driver = [
    `source ${q(scriptFile)}`,
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
  const r = spawnSync('bash', ['--norc', '--noprofile', '-c', driver], {
    cwd: tempDir(),
    env: baseEnv as NodeJS.ProcessEnv,
    encoding: 'utf8',
  });
  expect(r.status, r.stderr).toBe(0);
  // compopt only works while bash itself is completing; its complaint here is expected
  const stderr = r.stderr
    .split('\n')
    .filter((l) => l !== '' && !l.endsWith('compopt: not currently executing completion function'))
    .join('\n');
  return {
    candidates: r.stdout
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

  it('completes commands', () => {
    expect(bashComplete('minerals dep').candidates).toEqual(['deposit', 'deposits']);
    expect(bashComplete('minerals comp').candidates).toEqual([
      'companies',
      'company',
      'completion',
    ]);
  });

  it("completes subcommands and the help command's topics", () => {
    expect(bashComplete('minerals deal s').candidates).toEqual(['show']);
    expect(bashComplete('minerals help ex').candidates).toEqual(['exit-codes']);
    expect(bashComplete('minerals completion ').candidates).toEqual(['bash', 'fish', 'zsh']);
  });

  it('completes options, global options included', () => {
    expect(bashComplete('minerals deposits --m').candidates).toEqual(['--metal']);
    expect(bashComplete('minerals deposits --d').candidates).toEqual(['--data']);
    expect(bashComplete('minerals facts --s').candidates).toEqual([
      '--said-by',
      '--seeds',
      '--sort',
      '--source',
    ]);
  });

  it('completes record ids from the fact base', () => {
    expect(bashComplete('minerals deal show erg-').candidates).toEqual([
      'erg-baowu',
      'erg-buyout-2013',
      'erg-mitsubishi',
    ]);
    expect(bashComplete('minerals deposits --metal cop').candidates).toEqual([
      'copper',
      'copper-concentrate',
    ]);
    expect(bashComplete('minerals deals --party mits').candidates).toEqual(['mitsubishi']);
    expect(bashComplete('minerals facts --source mntv').candidates).toEqual([
      'mntv-gallium-market',
    ]);
    expect(bashComplete('minerals facts --said-by sharl').candidates).toEqual(['sharlapaev']);
    expect(bashComplete('minerals timeline --about karab').candidates).toEqual(['karabas']);
  });

  it('offers one-word names, aliases and symbols too', () => {
    expect(bashComplete('minerals metal show C').candidates).toEqual([
      'Ce',
      'Cerium',
      'Co',
      'Cobalt',
      'Copper',
      'Cu',
    ]);
  });

  it('completes option values with fixed choices', () => {
    expect(bashComplete('minerals deposits --format ').candidates).toEqual(sorted(FORMATS));
    expect(bashComplete('minerals deposits --status ').candidates).toEqual(
      sorted(DEPOSIT_STATUSES),
    );
    expect(bashComplete('minerals deals --status ').candidates).toEqual(sorted(DEAL_STATUSES));
    expect(bashComplete('minerals companies --type m').candidates).toEqual(['media', 'ministry']);
    expect(bashComplete('minerals search --kind de').candidates).toEqual(['deal', 'deposit']);
  });

  it('uses the fact base named by --data earlier on the line, or by MINERALS_DATA', () => {
    const minimal = path.join(FIXTURES, 'valid-minimal');
    expect(bashComplete(`minerals --data ${minimal} deposits --metal `).candidates).toEqual([
      'Copper',
      'Cu',
      'copper',
    ]);
    expect(bashComplete(`minerals deposit show --data ${minimal} `).candidates).toEqual([
      'Karabas',
      'karabas',
    ]);
    expect(bashComplete('minerals deposit show ', { MINERALS_DATA: minimal }).candidates).toEqual([
      'Karabas',
      'karabas',
    ]);
  });

  it('a missing or broken fact base gives no record candidates and prints nothing', () => {
    expect(bashComplete('minerals --data /no/such/dir deposits --metal ')).toEqual({
      candidates: [],
      stderr: '',
    });
    expect(
      bashComplete('minerals deposits --metal ', { MINERALS_DATA: '/no/such/dir' }).candidates,
    ).toEqual([]);
  });
});

describe('minerals complete (what the scripts call)', () => {
  it('prints candidates with descriptions and the directive, and nothing on stderr for a base with errors', () => {
    expect(
      runCli([
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
    expect(runCli(['complete', '--', '--data', '/no/such/dir', 'deal', 'show', ''])).toEqual({
      stdout: ':4\n',
      stderr: '',
      code: 0,
    });
  });

  it('never passes control characters from the data to the shell', () => {
    const r = runCli([
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

  it('asks the shell for directory names after --data and --seeds', () => {
    expect(runCli(['complete', '--', 'deposits', '--data', ''])).toEqual({
      stdout: ':16\n',
      stderr: '',
      code: 0,
    });
    expect(runCli(['complete', '--', '--seeds', 'se'])).toEqual({
      stdout: ':16\n',
      stderr: '',
      code: 0,
    });
  });
});

describe('minerals completion', () => {
  it('prints zsh and fish scripts that call minerals', () => {
    const zsh = runCli(['completion', 'zsh']);
    expect(zsh.code).toBe(0);
    expect(zsh.stderr).toBe('');
    expect(zsh.stdout.split('\n').slice(0, 2)).toEqual([
      '#compdef minerals',
      'compdef _minerals minerals',
    ]);
    expect(zsh.stdout).toContain('requestComp="minerals complete -- ${quoted_args[*]}"');
    const fish = runCli(['completion', 'fish']);
    expect(fish.code).toBe(0);
    expect(fish.stderr).toBe('');
    expect(fish.stdout).toMatch(/^# fish completion for minerals/);
    expect(fish.stdout).toContain('complete -c minerals ');
  });

  it('an unknown or missing shell is a usage error (exit 2)', () => {
    expect(runCli(['completion', 'tcsh'])).toEqual({
      stdout: '',
      stderr: 'minerals: completion: unknown shell "tcsh"; use bash, zsh or fish\n',
      code: 2,
    });
    expect(runCli(['completion'])).toEqual({
      stdout: '',
      stderr: "error: missing required argument 'shell'\n",
      code: 2,
    });
  });
});
