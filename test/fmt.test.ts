// `minerals fmt`: the canonical layout of data files. The layout keeps content (the records parse
// the same, on every shipped file and fixture) and comments, is idempotent (a property over
// generated records), writes only files whose text changes, and writes nothing on --check or on
// a usage error.
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { parseYaml } from '../src/load/yaml.js';
import { layoutDocument } from '../src/render/yaml-layout.js';
import { FIXTURES, ROOT, run, tempDir } from './helpers.js';

/** The records of a text, and its canonical layout. */
const recordsOf = (text: string) => parseYaml(text).items.map((i) => i.value);
function layout(text: string): string {
  const parsed = parseYaml(text);
  expect(parsed.problems).toEqual([]);
  return layoutDocument(parsed.docs[0]!);
}

/** Every file under a directory, with a hash of its bytes: what must not change. */
function checksums(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const p = path.join(e.parentPath, e.name);
    if (e.isFile()) out[p] = createHash('sha256').update(fs.readFileSync(p)).digest('hex');
  }
  return out;
}

/** Every YAML file of the shipped data and the fixtures that parses without a problem. */
function parsingFiles(): string[] {
  const dirs = [path.join(ROOT, 'data'), FIXTURES];
  return dirs.flatMap((d) =>
    (fs.readdirSync(d, { recursive: true }) as string[])
      .filter((f) => /\.ya?ml$/.test(f))
      .map((f) => path.join(d, f))
      .filter((f) => {
        if (!fs.lstatSync(f).isFile()) return false;
        const bytes = fs.readFileSync(f);
        const text = bytes.toString('utf8');
        return Buffer.from(text, 'utf8').equals(bytes) && parseYaml(text).problems.length === 0;
      }),
  );
}

const MESSY = `# yaml-language-server: $schema=./schema.json
# head comment

- kind: deposit
  id: karabas
  # comment inside a record
  operator: erg
  name: "Karabas"
  description: "A long description of the deposit, written on one line that runs well past the hundredth column of the file."
  status: exploration
  commodities:
    - copper
    - zinc
  shoe_size: 42
  claims:
    - citations:
        - quote: 'initial estimates'
          source: mntv
      quantity:
        unit: t
        value: 250000
        bound: more-than
      property: contained-metal
      when:
        on: 2025-06
# comment between records
- id: erg
  kind: organization
  type: company
  name: ERG
`;

const CANONICAL = `# yaml-language-server: $schema=./schema.json
# head comment

- id: karabas
  kind: deposit
  name: Karabas
  commodities: [copper, zinc]
  status: exploration
  # comment inside a record
  operator: erg
  description: >-
    A long description of the deposit, written on one line that runs well past the hundredth column
    of the file.
  claims:
    - property: contained-metal
      quantity: {value: 250000, unit: t, bound: more-than}
      when: {on: '2025-06'}
      citations:
        - source: mntv
          quote: initial estimates
  shoe_size: 42

# comment between records
- id: erg
  kind: organization
  name: ERG
  type: company
`;

describe('the layout', () => {
  it('orders keys as the schema does, quotes, flows and folds by its rules, keeps comments and unknown keys (last)', () => {
    expect(layout(MESSY)).toBe(CANONICAL);
    expect(recordsOf(CANONICAL)).toEqual(recordsOf(MESSY));
  });

  it('keeps the content of every shipped file and every fixture that parses, and is idempotent on them', () => {
    const files = parsingFiles();
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) {
      const text = fs.readFileSync(f, 'utf8');
      const once = layout(text);
      expect([f, recordsOf(once)]).toEqual([f, recordsOf(text)]);
      expect([f, layout(once)]).toEqual([f, once]);
    }
  });

  it('keeps every comment line of the shipped files byte for byte', () => {
    for (const f of fs.readdirSync(path.join(ROOT, 'data')).filter((n) => n.endsWith('.yaml'))) {
      const text = fs.readFileSync(path.join(ROOT, 'data', f), 'utf8');
      const comments = (t: string) => t.split('\n').filter((l) => /^\s*#/.test(l));
      expect(comments(text).length).toBeGreaterThan(0);
      expect([f, comments(layout(text))]).toEqual([f, comments(text)]);
    }
  });

  it('is idempotent and keeps content on generated records and claims, however they were written', () => {
    const word = fc.stringMatching(/^[a-z][a-z0-9-]{0,12}$/);
    const text = fc.oneof(
      fc.string({ maxLength: 240 }),
      fc.constantFrom('2024', '2024-12', 'yes', 'on', 'null', '1e3', "it's", '"q"', 'a: b', '#x'),
    );
    const claim = fc.record(
      {
        property: word,
        quantity: fc.record(
          { value: fc.integer(), unit: word, bound: word },
          { requiredKeys: ['value'] },
        ),
        when: fc.oneof(text, fc.record({ on: text, reason: text }, { requiredKeys: ['on'] })),
        note: text,
        citations: fc.array(fc.record({ source: word, quote: text }), { maxLength: 2 }),
      },
      { requiredKeys: ['property'] },
    );
    const record = fc.record(
      {
        kind: fc.constantFrom('deposit', 'person', 'source', 'nonsense'),
        id: word,
        name: text,
        aliases: fc.array(text, { maxLength: 4 }),
        description: text,
        extra: text,
        claims: fc.array(claim, { maxLength: 3 }),
      },
      { requiredKeys: ['kind', 'id'] },
    );
    fc.assert(
      fc.property(
        fc.array(record, { minLength: 1, maxLength: 3 }),
        fc.constantFrom(80, 0),
        (records, lineWidth) => {
          const written = stringify(records, { lineWidth });
          const once = layout(written);
          expect(recordsOf(once)).toEqual(recordsOf(written));
          expect(layout(once)).toBe(once);
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** A data directory holding the messy file and a canonical one, as a test's own copy. */
function base(): { dir: string; messy: string; tidy: string } {
  const dir = tempDir('minerals-fmt-');
  const messy = path.join(dir, 'messy.yaml');
  const tidy = path.join(dir, 'tidy.yaml');
  fs.writeFileSync(messy, MESSY);
  fs.writeFileSync(tidy, CANONICAL);
  return { dir, messy, tidy };
}

describe('minerals fmt', () => {
  it('leaves the shipped data as it is: it is in the canonical layout', async () => {
    const before = checksums(path.join(ROOT, 'data'));
    expect(await run(['fmt', '--check'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(checksums(path.join(ROOT, 'data'))).toEqual(before);
  });

  it('rewrites the files whose layout changes, names each, and never touches a canonical file', async () => {
    const { dir, messy, tidy } = base();
    const old = new Date('2020-01-01T00:00:00Z');
    fs.utimesSync(tidy, old, old);
    expect(await run(['--data', dir, 'fmt'], { cwd: dir })).toEqual({
      stdout: 'formatted messy.yaml\n',
      stderr: '',
      code: 0,
    });
    expect(fs.readFileSync(messy, 'utf8')).toBe(CANONICAL);
    expect(fs.statSync(tidy).mtimeMs).toBe(old.getTime());
    // nothing left to change: nothing printed, nothing written
    fs.utimesSync(messy, old, old);
    expect(await run(['--data', dir, 'fmt'], { cwd: dir })).toEqual({
      stdout: '',
      stderr: '',
      code: 0,
    });
    expect(fs.statSync(messy).mtimeMs).toBe(old.getTime());
  });

  it('formats only the files named, as given', async () => {
    const { dir, messy } = base();
    const other = path.join(dir, 'other.yml');
    fs.writeFileSync(other, MESSY);
    expect(await run(['fmt', './messy.yaml'], { cwd: dir })).toEqual({
      stdout: 'formatted ./messy.yaml\n',
      stderr: '',
      code: 0,
    });
    expect(fs.readFileSync(messy, 'utf8')).toBe(CANONICAL);
    expect(fs.readFileSync(other, 'utf8')).toBe(MESSY);
  });

  it('--check writes nothing, names the files that differ and exits 1; 0 when none differs', async () => {
    const { dir, tidy } = base();
    const before = checksums(dir);
    expect(await run(['--data', dir, 'fmt', '--check'], { cwd: dir })).toEqual({
      stdout: 'messy.yaml\n',
      stderr: '',
      code: 1,
    });
    expect(checksums(dir)).toEqual(before);
    expect(await run(['fmt', '--check', tidy], { cwd: dir })).toEqual({
      stdout: '',
      stderr: '',
      code: 0,
    });
  });

  it('--json says what was laid out and whether it changed', async () => {
    const { dir } = base();
    const r = await run(['--data', dir, '--json', 'fmt', '--check'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toEqual({
      check: true,
      files: [
        { file: 'messy.yaml', changed: true },
        { file: 'tidy.yaml', changed: false },
      ],
      diagnostics: [],
    });
  });

  it('reports a file with a YAML syntax error where validate does, leaves it, and formats the others: exit 1', async () => {
    const { dir, messy } = base();
    const bad = path.join(dir, 'bad.yaml');
    fs.copyFileSync(path.join(FIXTURES, 'hazard-broken-syntax', 'a.yaml'), bad);
    const badBytes = fs.readFileSync(bad);
    expect(await run(['--data', dir, 'fmt'], { cwd: dir })).toEqual({
      stdout: 'formatted messy.yaml\n',
      stderr:
        'bad.yaml:6:3: error yaml-bad-indent: YAML: Flow sequence in block collection must be sufficiently indented and end with a ]\n' +
        '    6 |   name: Bolivia\n' +
        '      |   ^\n',
      code: 1,
    });
    expect(fs.readFileSync(bad)).toEqual(badBytes);
    expect(fs.readFileSync(messy, 'utf8')).toBe(CANONICAL);
  });

  it('leaves a file that is not clean UTF-8 text as it is, with the position of the bad byte', async () => {
    const { dir } = base();
    const bad = path.join(dir, 'latin1.yaml');
    fs.writeFileSync(bad, Buffer.from('- id: peru\n  kind: country\n  name: Per\xfa\n', 'latin1'));
    const before = checksums(dir);
    const r = await run(['fmt', '--check', 'latin1.yaml'], { cwd: dir });
    expect([r.code, r.stdout, r.stderr.split('\n')[0]]).toEqual([
      1,
      '',
      'latin1.yaml:3:12: error not-utf8: file is not valid UTF-8 (invalid byte here); save it as UTF-8',
    ]);
    expect(checksums(dir)).toEqual(before);
  });

  it('refuses a missing file, a name that is not a data file, a directory, a symbolic link and a FIFO: exit 2, nothing written', async () => {
    const { dir } = base();
    fs.mkdirSync(path.join(dir, 'sub.yaml'));
    fs.symlinkSync('messy.yaml', path.join(dir, 'link.yaml'));
    execFileSync('mkfifo', [path.join(dir, 'fifo.yaml')]);
    fs.writeFileSync(path.join(dir, 'notes.txt'), 'x');
    const before = checksums(dir);
    const cases: Array<[string, string]> = [
      ['nope.yaml', 'nope.yaml: no such file'],
      ['notes.txt', 'notes.txt is not a data file (*.yaml, *.yml)'],
      ['sub.yaml', 'sub.yaml is not a regular file (directory)'],
      ['link.yaml', 'link.yaml is a symbolic link; give the file it leads to'],
      ['fifo.yaml', 'fifo.yaml is not a regular file (FIFO)'],
    ];
    // the messy file named first is not written either: every file is checked before any write
    for (const [file, msg] of cases)
      expect(await run(['fmt', 'messy.yaml', file], { cwd: dir })).toEqual({
        stdout: '',
        stderr: `minerals: ${msg}\n`,
        code: 2,
      });
    expect(checksums(dir)).toEqual(before);
  });

  it('an unreadable file named on the command line is exit 2, and nothing is written', async () => {
    if (process.getuid?.() === 0) return; // root reads every file
    const { dir } = base();
    const locked = path.join(dir, 'locked.yaml');
    fs.writeFileSync(locked, MESSY);
    const before = checksums(dir);
    fs.chmodSync(locked, 0o200);
    expect(await run(['fmt', 'messy.yaml', 'locked.yaml'], { cwd: dir })).toEqual({
      stdout: '',
      stderr: 'minerals: cannot format locked.yaml: cannot read file (EACCES)\n',
      code: 2,
    });
    fs.chmodSync(locked, 0o600);
    expect(checksums(dir)).toEqual(before);
  });

  it("completes FILE arguments as file names (the shell's own completion) and --check as an option", async () => {
    expect(await run(['complete', '--', 'fmt', ''])).toEqual({
      stdout: ':0\n',
      stderr: '',
      code: 0,
    });
    expect(await run(['complete', '--', 'fmt', 'data/dep'])).toEqual({
      stdout: ':0\n',
      stderr: '',
      code: 0,
    });
    const r = await run(['complete', '--', 'fmt', '--ch']);
    expect(r.stdout.split('\n')[0]).toBe(
      '--check\twrite nothing; name the files whose layout differs, and exit 1 if any',
    );
    // the value of --data is a directory, not a FILE
    expect((await run(['complete', '--', 'fmt', '--data', ''])).stdout).toBe(':16\n');
  });
});
