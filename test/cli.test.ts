// The CLI as a user runs it: global options, exit codes, colour policy, pipes, the schema. Most
// tests run it in-process; only the pipe tests run the built bin as a real process.
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, ROOT, run, tempDir } from './helpers.js';

const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
};
const minimal = path.join(FIXTURES, 'valid-minimal');

describe('global options', () => {
  it('--version prints the package version', async () => {
    expect(await run(['--version'])).toEqual({ stdout: `${pkg.version}\n`, stderr: '', code: 0 });
  });

  it('--help lists the commands and ends with examples and exit codes', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^Usage: minerals \[options\] \[command\]\n/);
    expect(r.stdout).toContain('\nCheck the data:\n  validate [options]  ');
    expect(r.stdout).toContain('\n  schema [options]  ');
    expect(r.stdout).toContain(
      '\nExamples:\n  $ minerals deposits --metal copper       copper deposits, with their figures\n',
    );
    expect(r.stdout).toContain(
      'Exit codes: 0 ok, 1 the data has errors, 2 bad usage or unreadable input.',
    );
  });

  it('no arguments shows the help and succeeds', async () => {
    const r = await run([]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: minerals /);
  });

  it('every command help ends with real examples', async () => {
    for (const cmd of ['validate', 'schema']) {
      const r = await run([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`\\nExamples:\\n(  \\$ minerals ${cmd}.*\\n){2,}$`));
    }
  });

  it('an unknown command is a usage error (exit 2) with a suggestion', async () => {
    expect(await run(['validat'])).toEqual({
      stdout: '',
      stderr:
        "minerals: unknown command 'validat' (did you mean validate?); see 'minerals --help'\n",
      code: 2,
    });
  });

  it('an unknown option is a usage error (exit 2)', async () => {
    expect(await run(['validate', '--stric'])).toEqual({
      stdout: '',
      stderr:
        "minerals: unknown option '--stric' (did you mean --strict?); see 'minerals validate --help'\n",
      code: 2,
    });
  });

  it("commander's usage errors are one line like ours, pointing at the help of the command in use", async () => {
    const cases: Array<[string[], string]> = [
      [
        ['deal', 'show', 'erg-mitsubishi', '--bogus'],
        "unknown option '--bogus'; see 'minerals deal show --help'",
      ],
      [
        ['deposits', '--status'],
        "option '--status <status>' argument missing; see 'minerals deposits --help'",
      ],
      [
        ['deposits', 'copper'],
        "too many arguments for 'deposits'. Expected 0 arguments but got 1; see 'minerals deposits --help'",
      ],
      [
        ['--data', 'data', 'deal', 'shwo'],
        "unknown command 'shwo' (did you mean show?); see 'minerals deal --help'",
      ],
      [['--bogus'], "unknown option '--bogus'; see 'minerals --help'"],
    ];
    for (const [args, message] of cases)
      expect({ args, ...(await run(args)) }).toEqual({
        args,
        stdout: '',
        stderr: `minerals: ${message}\n`,
        code: 2,
      });
  });

  it('a missing data directory is exit 2 with one line and no stack trace', async () => {
    const r = await run(['validate', '--data', 'no/such/dir']);
    expect(r).toEqual({
      stdout: '',
      stderr: 'minerals: data directory not found: no/such/dir (set --data DIR or MINERALS_DATA)\n',
      code: 2,
    });
  });

  it('a data path that is a file is exit 2', async () => {
    const r = await run(['validate', '--data', 'package.json']);
    expect(r).toEqual({
      stdout: '',
      stderr: 'minerals: data path is not a directory: package.json\n',
      code: 2,
    });
  });

  it('MINERALS_DATA selects the data directory, and --data overrides it', async () => {
    expect(await run(['validate'], { env: { MINERALS_DATA: minimal } })).toEqual({
      stdout: '',
      stderr: '',
      code: 0,
    });
    const r = await run(['validate', '--data', minimal], {
      env: { MINERALS_DATA: '/nonexistent' },
    });
    expect(r.code).toBe(0);
  });

  it('global options work before and after the command', async () => {
    const a = await run(['--json', 'validate', '--data', minimal]);
    const b = await run(['validate', '--json', '--data', minimal]);
    expect(a).toEqual({ stdout: '[]\n', stderr: '', code: 0 });
    expect(b).toEqual(a);
  });

  it('the shipped fact base is the default and validates', async () => {
    const r = await run(['validate'], { cwd: tempDir() });
    expect(r).toEqual({ stdout: '', stderr: '', code: 0 });
  });
});

describe('colour', () => {
  const bad = () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'x.yaml'), '- id: x\n  kind: country\n');
    return dir;
  };
  const ESC = '\u001b[';

  it('is off in a pipe, and on with FORCE_COLOR', async () => {
    const dir = bad();
    expect(
      (await run(['validate', '--data', dir], { env: { NO_COLOR: undefined } })).stdout,
    ).not.toContain(ESC);
    const forced = await run(['validate', '--data', dir], {
      env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
    });
    expect(forced.stdout).toContain(`${ESC}31m${ESC}1merror missing-key`);
  });

  it('NO_COLOR, TERM=dumb and --no-color win over a plain terminal setting', async () => {
    const dir = bad();
    expect(
      (await run(['validate', '--data', dir], { env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).stdout,
    ).not.toContain(ESC);
    expect(
      (
        await run(['validate', '--no-color', '--data', dir], {
          env: { NO_COLOR: undefined, FORCE_COLOR: '1' },
        })
      ).stdout,
    ).not.toContain(ESC);
  });
});

describe('pipes', () => {
  // a process: only a real pipe closed early by `head` shows EPIPE handling in the bin
  it('piping into head ends quietly, with no EPIPE trace', () => {
    const dir = tempDir();
    // many errors: far more output than one pipe buffer
    const lines = Array.from(
      { length: 3000 },
      (_, i) => `- {id: x${i}, kind: country, name: X, bogus: ${i}}`,
    );
    fs.writeFileSync(path.join(dir, 'a.yaml'), `${lines.slice(0, 90).join('\n')}\n`);
    for (let f = 0; f < 30; f++)
      fs.writeFileSync(
        path.join(dir, `f${f}.yaml`),
        `${lines.slice(f * 90, f * 90 + 90).join('\n')}\n`,
      );
    const r = spawnSync(
      'bash',
      [
        '-c',
        `node ${JSON.stringify(BIN)} validate --data ${JSON.stringify(dir)} | head -1; echo "status=\${PIPESTATUS[0]}"`,
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    expect(r.stdout).toMatch(
      /^\S+a\.yaml:1:36: error unknown-key: unknown key "bogus" in country\nstatus=[01]\n$/,
    );
    expect(r.stderr).not.toMatch(/EPIPE|Error|at /);
  });

  // a process: only the bin writing to a full device shows how a failed write ends
  it('a write that fails (no space left on /dev/full) is one line on stderr and exit 2', () => {
    for (const args of [['deposits', '--json'], ['deposits']]) {
      const r = spawnSync(
        'bash',
        ['-c', `node ${JSON.stringify(BIN)} --no-cache ${args.join(' ')} > /dev/full`],
        { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } },
      );
      expect({ args, status: r.status, stderr: r.stderr }).toEqual({
        args,
        status: 2,
        stderr: 'minerals: cannot write standard output: no space left on the device\n',
      });
    }
  });

  // a process: only the bin writing into a real pipe shows that no output is cut short at exit
  it('large JSON through a pipe arrives whole', () => {
    const dir = tempDir();
    for (let f = 0; f < 40; f++) {
      const lines = Array.from(
        { length: 90 },
        (_, i) => `- {id: x${f}-${i}, kind: country, name: X, bogus: ${i}}`,
      );
      fs.writeFileSync(
        path.join(dir, `f${String(f).padStart(2, '0')}.yaml`),
        `${lines.join('\n')}\n`,
      );
    }
    const out = execFileSync(
      'bash',
      ['-c', `node ${JSON.stringify(BIN)} validate --json --data ${JSON.stringify(dir)} | cat`],
      {
        encoding: 'utf8',
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(out.length).toBeGreaterThan(64 * 1024);
    const parsed = JSON.parse(out) as Array<{ code: string }>;
    expect(parsed).toHaveLength(40 * 90);
    expect(new Set(parsed.map((d) => d.code))).toEqual(new Set(['unknown-key']));
  });
});

describe('minerals schema', () => {
  it('prints a JSON Schema that matches the committed data/schema.json', async () => {
    const r = await run(['schema']);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const schema = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.title).toBe('minerals fact file');
    expect(r.stdout).toBe(fs.readFileSync(path.join(ROOT, 'data', 'schema.json'), 'utf8'));
  });

  it('every shipped data file carries the schema modeline', () => {
    const files = fs.readdirSync(path.join(ROOT, 'data')).filter((f) => f.endsWith('.yaml'));
    expect(files.length).toBeGreaterThan(0);
    for (const f of files)
      expect(fs.readFileSync(path.join(ROOT, 'data', f), 'utf8').split('\n')[0], f).toBe(
        '# yaml-language-server: $schema=./schema.json',
      );
  });
});

describe('an empty data directory', () => {
  it('is valid, and validate says that it found no data files', async () => {
    const dir = tempDir();
    expect(await run(['validate', '--data', dir], { cwd: dir })).toEqual({
      stdout: '',
      stderr: 'minerals: no data files (*.yaml, *.yml) in .\n',
      code: 0,
    });
  });
});

describe('minerals coverage', () => {
  it('prints the per-source table on the shipped base: every figure quoted, not all structured', async () => {
    expect(await run(['coverage'])).toEqual({
      stdout: [
        'SOURCE                            SENTENCES          QUOTED      STRUCTURED  NO-FACT',
        'erg-not-for-sale               16/16 100.0%    17/17 100.0%    15/17  88.2%        0',
        'gate-kazakhstan-bets-big       19/19 100.0%    14/14 100.0%    12/14  85.7%        5',
        'kursiv-rare-earth-auctions     19/19 100.0%      7/7 100.0%      7/7 100.0%        0',
        'mntv-gallium-market            24/24 100.0%    29/29 100.0%    29/29 100.0%        0',
        'rare-metals-industry-expand      9/9 100.0%    13/13 100.0%    11/13  84.6%        0',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('--uncovered lists what is not quoted, and --fail-under turns it into exit 1', async () => {
    const dir = tempDir();
    fs.mkdirSync(path.join(dir, 'seeds'));
    fs.writeFileSync(
      path.join(dir, 'seeds', 'a.txt'),
      'Menu\nERG holds 250,000 tons of copper. Tin hit $33,000 per ton.\n',
    );
    fs.writeFileSync(
      path.join(dir, 'a.yaml'),
      '- {id: a, kind: source, name: A, title: A, file: a.txt, body: {exclude: [Menu]}}\n' +
        '- {id: erg, kind: organization, name: ERG, type: company, claims: [{property: reserves, ' +
        'quantity: {value: 250000, unit: t}, citations: [{source: a, quote: "ERG holds 250,000 tons of copper."}]}]}\n',
    );
    const table = [
      'SOURCE       SENTENCES          QUOTED      STRUCTURED  NO-FACT',
      'a           1/2  50.0%      1/2  50.0%      1/2  50.0%        0',
      '',
    ].join('\n');
    const expected = [
      table,
      'a (a.txt)',
      '  a.txt:2: sentence not quoted: Tin hit $33,000 per ton.',
      '  a.txt:2: figure not quoted: $33,000 in "Tin hit $33,000 per ton."',
      '',
    ].join('\n');
    expect(await run(['coverage', '--data', dir])).toEqual({ stdout: table, stderr: '', code: 0 });
    expect(await run(['coverage', '--uncovered', '--data', dir])).toEqual({
      stdout: expected,
      stderr: '',
      code: 0,
    });
    expect((await run(['coverage', '--fail-under', '50', '--data', dir])).code).toBe(0);
    expect(await run(['coverage', '--uncovered', '--fail-under', '100', '--data', dir])).toEqual({
      stdout: expected,
      stderr: '',
      code: 1,
    });
    const json = JSON.parse((await run(['coverage', '--json', '--data', dir])).stdout) as Array<
      Record<string, unknown>
    >;
    expect(json).toEqual([
      {
        source: 'a',
        file: 'a.txt',
        sentences: {
          total: 2,
          covered: 1,
          no_fact: 0,
          percent: 50,
          uncovered: [{ text: 'Tin hit $33,000 per ton.', line: 2 }],
        },
        figures: {
          total: 2,
          quoted: 1,
          structured: 1,
          percent_quoted: 50,
          percent_structured: 50,
          unquoted: [
            { text: '$33,000', line: 2, sentence: 'Tin hit $33,000 per ton.', kind: 'number' },
          ],
          unstructured: [],
        },
        unmatched: [],
      },
    ]);
  });

  it('a bad --fail-under is a usage error', async () => {
    expect(await run(['coverage', '--fail-under', 'lots'])).toEqual({
      stdout: '',
      stderr: 'minerals: --fail-under takes a percentage from 0 to 100, not "lots"\n',
      code: 2,
    });
  });
});
