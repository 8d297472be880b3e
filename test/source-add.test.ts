// `minerals source add FILE` (issue 15): the text stored and the record appended to a copy of the
// shipped base, the rest of the data file byte for byte as it was, a base validate accepts and cite
// reads; --dry-run's diff as diff -u prints it; and every bad input refused with nothing written.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { planSourceAdd, writeSourceAdd } from '../src/pipeline/source-add.js';
import { ROOT, run, runCli, tempDir, validateDir } from './helpers.js';

const ARTICLE = 'Acme Corp found lithium near Almaty.\nIt holds more than 2 million tons of ore.\n';
/** The name the article is stored under in a copy of the shipped base (five texts: 000 to 004). */
const STORED = `005_${createHash('sha256').update(ARTICLE).digest('hex').slice(0, 16)}.txt`;
const SOURCES = fs.readFileSync(path.join(ROOT, 'data', 'sources.yaml'), 'utf8');
const SOURCES_LINES = SOURCES.split('\n').length - 1;

/** A copy of the shipped base (data/ and seeds/ side by side) with the article beside them. */
function copyBase(article: string | Buffer = ARTICLE): string {
  const dir = tempDir('minerals-source-add-');
  fs.cpSync(path.join(ROOT, 'data'), path.join(dir, 'data'), { recursive: true });
  fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'article.txt'), article);
  return dir;
}

/** Every file under the data and seeds directories with a checksum of its bytes (or its kind). */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const sub of ['data', 'seeds']) {
    const root = path.join(dir, sub);
    if (!fs.existsSync(root)) continue;
    if (!fs.statSync(root).isDirectory()) {
      out[sub] = 'not a directory';
      continue;
    }
    for (const name of fs.readdirSync(root, { recursive: true }) as string[]) {
      const p = path.join(root, name);
      const st = fs.lstatSync(p);
      out[`${sub}/${name}`] = st.isFile()
        ? createHash('sha256').update(fs.readFileSync(p)).digest('hex')
        : st.isSymbolicLink()
          ? `link to ${fs.readlinkSync(p)}`
          : 'not a file';
    }
  }
  return out;
}

const ADD = [
  'source',
  'add',
  'article.txt',
  '--id',
  'acme-lithium',
  '--title',
  'Acme finds lithium',
  '--publisher',
  'Reuters',
];

/** Run `minerals ARGS` in `dir` on its copy of the base, without the cache. */
const runIn = (dir: string, args: string[]) =>
  run(['--no-cache', '--data', 'data', ...args], { cwd: dir });

/** Run a `source add` that must be refused: its result, with data and seeds as they were. */
async function refused(dir: string, args: string[]) {
  const before = snapshot(dir);
  const r = await runIn(dir, args);
  expect(snapshot(dir)).toEqual(before);
  expect(r.stdout).toBe('');
  return r;
}

describe('minerals source add', () => {
  it('stores the text, appends the record with the file before it untouched, and says what is next', async () => {
    const dir = copyBase();
    const r = await runIn(dir, [...ADD, '--published', '2025-03-14', '--author', 'Jane Roe']);
    expect(r).toEqual({
      stdout: [
        `stored the text as seeds/${STORED} (2 lines)`,
        `added source acme-lithium to data/sources.yaml:${SOURCES_LINES + 2}`,
        '',
        'next: `minerals draft acme-lithium` proposes claims from it; `minerals cite acme-lithium TEXT` quotes it',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
    expect(fs.readFileSync(path.join(dir, 'seeds', STORED), 'utf8')).toBe(ARTICLE);
    // every byte of the old file, comments included, then a blank line and the record
    expect(fs.readFileSync(path.join(dir, 'data', 'sources.yaml'), 'utf8')).toBe(
      `${SOURCES}\n${[
        '- id: acme-lithium',
        '  kind: source',
        '  name: Acme finds lithium',
        '  title: Acme finds lithium',
        '  authors:',
        '    - Jane Roe',
        '  publisher: Reuters',
        "  published: '2025-03-14'",
        `  file: ${STORED}`,
        '',
      ].join('\n')}`,
    );
    expect(await runIn(dir, ['validate', '--strict'])).toEqual({ stdout: '', stderr: '', code: 0 });
    const cited = await runIn(dir, ['cite', 'acme-lithium', 'more than 2 million tons']);
    expect(cited.code).toBe(0);
    expect(cited.stdout).toContain(`found exactly in acme-lithium (${STORED}), line 2:`);
  });

  it('a cache built before the add is not trusted after it: the new source is listed', async () => {
    const dir = copyBase();
    const list = ['--cache-dir', 'cache', '--data', 'data', 'sources', '--fields', 'id'];
    const ids = async () =>
      (await run([...list, '--format', 'tsv', '--no-headers'], { cwd: dir })).stdout.split('\n');
    expect(await ids()).not.toContain('acme-lithium');
    expect((await run(['--cache-dir', 'cache', '--data', 'data', ...ADD], { cwd: dir })).code).toBe(
      0,
    );
    expect(await ids()).toContain('acme-lithium');
  });

  it('writes only to a base named with --data or MINERALS_DATA, never the shipped one by default', async () => {
    const dir = copyBase();
    const before = snapshot(ROOT);
    expect(await run(['--no-cache', ...ADD], { cwd: dir })).toEqual({
      stdout: '',
      stderr:
        'minerals: source add writes to your own fact base: name it with --data DIR (or MINERALS_DATA); the base shipped with minerals is not changed\n',
      code: 2,
    });
    expect(snapshot(ROOT)).toEqual(before);
    const env = await run(['--no-cache', ...ADD], {
      cwd: dir,
      env: { MINERALS_DATA: path.join(dir, 'data') },
    });
    expect(env.code).toBe(0);
  });

  it('normalises the text: BOM dropped, CRLF and lone CR as LF, one line break at the end', async () => {
    const dir = copyBase(Buffer.from('\ufeffone\r\ntwo\rthree\n\n\n', 'utf8'));
    expect((await runIn(dir, ADD)).code).toBe(0);
    const stored = fs.readdirSync(path.join(dir, 'seeds')).find((n) => n.startsWith('005_'))!;
    expect(stored).toBe(
      `005_${createHash('sha256').update('one\ntwo\nthree\n').digest('hex').slice(0, 16)}.txt`,
    );
    expect(fs.readFileSync(path.join(dir, 'seeds', stored), 'utf8')).toBe('one\ntwo\nthree\n');
  });

  it('--json: the id, the stored file, the record file and line', async () => {
    const dir = copyBase();
    const r = await runIn(dir, [...ADD, '--json', '--url', 'https://example.com/acme']);
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual({
      id: 'acme-lithium',
      file: STORED,
      record_file: 'data/sources.yaml',
      record_line: SOURCES_LINES + 2,
      written: true,
      diff: null,
    });
  });

  it('appends to the data file with the most source records, and makes sources.yaml with its modeline when there is none', async () => {
    const dir = copyBase();
    fs.rmSync(path.join(dir, 'data', 'sources.yaml'));
    // the base has no sources now: no texts to cite, so no claims that cite them
    for (const f of fs.readdirSync(path.join(dir, 'data')).filter((f) => f.endsWith('.yaml')))
      fs.writeFileSync(
        path.join(dir, 'data', f),
        '# yaml-language-server: $schema=./schema.json\n',
      );
    fs.writeFileSync(
      path.join(dir, 'data', 'places.yaml'),
      '- id: kazakhstan\n  kind: country\n  name: Kazakhstan\n',
    );
    const r = await runIn(dir, [...ADD, '--dry-run']);
    expect(r.stdout).toBe(
      [
        '--- /dev/null',
        `+++ b/seeds/${STORED}`,
        '@@ -0,0 +1,2 @@',
        '+Acme Corp found lithium near Almaty.',
        '+It holds more than 2 million tons of ore.',
        '--- /dev/null',
        '+++ b/data/sources.yaml',
        '@@ -0,0 +1,8 @@',
        '+# yaml-language-server: $schema=./schema.json',
        '+',
        '+- id: acme-lithium',
        '+  kind: source',
        '+  name: Acme finds lithium',
        '+  title: Acme finds lithium',
        '+  publisher: Reuters',
        `+  file: ${STORED}`,
        '',
      ].join('\n'),
    );
    expect((await runIn(dir, ADD)).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'data', 'sources.yaml'), 'utf8')).toBe(
      r.stdout
        .split('\n')
        .slice(8, -1)
        .map((l) => `${l.slice(1)}\n`)
        .join(''),
    );
    expect((await runIn(dir, ['validate'])).code).toBe(0);
  });

  it('a data file without a line break at its end gets one; with CRLF line ends the record has them too', async () => {
    const dir = copyBase();
    const file = path.join(dir, 'data', 'sources.yaml');
    fs.writeFileSync(file, SOURCES.replace(/\n$/, ''));
    expect((await runIn(dir, ADD)).code).toBe(0);
    const after = fs.readFileSync(file, 'utf8');
    expect(after.startsWith(`${SOURCES}\n- id: acme-lithium\n`)).toBe(true);
    const crlf = copyBase();
    const crlfFile = path.join(crlf, 'data', 'sources.yaml');
    fs.writeFileSync(crlfFile, SOURCES.replaceAll('\n', '\r\n'));
    expect((await runIn(crlf, ADD)).code).toBe(0);
    const text = fs.readFileSync(crlfFile, 'utf8');
    expect(text.startsWith(SOURCES.replaceAll('\n', '\r\n'))).toBe(true);
    expect(text.replaceAll('\r\n', '')).not.toContain('\n');
    expect((await runIn(crlf, ['validate'])).code).toBe(0);
  });

  it('standard input: FILE is -', () => {
    const dir = copyBase();
    const r = runCli(['--no-cache', '--data', 'data', 'source', 'add', '-', ...ADD.slice(3)], {
      cwd: dir,
      input: ARTICLE,
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'seeds', STORED), 'utf8')).toBe(ARTICLE);
  });
});

describe('minerals source add --dry-run', () => {
  it('prints the new text and the hunk of the data file as diff -u does, and writes nothing', async () => {
    const dir = copyBase();
    const before = snapshot(dir);
    const r = await runIn(dir, [...ADD, '--dry-run', '--published', '2025']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(snapshot(dir)).toEqual(before);
    const tail = SOURCES.split('\n').slice(-4, -1);
    expect(r.stdout).toBe(
      [
        '--- /dev/null',
        `+++ b/seeds/${STORED}`,
        '@@ -0,0 +1,2 @@',
        '+Acme Corp found lithium near Almaty.',
        '+It holds more than 2 million tons of ore.',
        '--- a/data/sources.yaml',
        '+++ b/data/sources.yaml',
        `@@ -${SOURCES_LINES - 2},3 +${SOURCES_LINES - 2},11 @@`,
        ...tail.map((l) => ` ${l}`),
        '+',
        '+- id: acme-lithium',
        '+  kind: source',
        '+  name: Acme finds lithium',
        '+  title: Acme finds lithium',
        '+  publisher: Reuters',
        "+  published: '2025'",
        `+  file: ${STORED}`,
        '',
      ].join('\n'),
    );
    // the same change made, diff -u of the old and new files gives the same hunks
    const old = path.join(tempDir('minerals-old-'), 'sources.yaml');
    fs.copyFileSync(path.join(dir, 'data', 'sources.yaml'), old);
    expect((await runIn(dir, [...ADD, '--published', '2025'])).code).toBe(0);
    const d = spawnSync('diff', ['-u', old, path.join(dir, 'data', 'sources.yaml')], {
      encoding: 'utf8',
    });
    expect(d.stdout.split('\n').slice(2).join('\n')).toBe(
      r.stdout.slice(r.stdout.indexOf('@@', r.stdout.indexOf('--- a/'))),
    );
  });

  it('marks a data file whose last line has no line break, as diff -u does; --json carries the diff', async () => {
    const dir = copyBase();
    const file = path.join(dir, 'data', 'sources.yaml');
    fs.writeFileSync(file, SOURCES.replace(/\n$/, ''));
    const r = await runIn(dir, [...ADD, '--dry-run', '--json']);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({ id: 'acme-lithium', file: STORED, written: false });
    const old = path.join(tempDir('minerals-old-'), 'sources.yaml');
    fs.copyFileSync(file, old);
    expect((await runIn(dir, ADD)).code).toBe(0);
    const d = spawnSync('diff', ['-u', old, file], { encoding: 'utf8' });
    expect(d.stdout).toContain('\\ No newline at end of file\n');
    expect(out.diff.slice(out.diff.indexOf('@@', out.diff.indexOf('--- a/')))).toBe(
      d.stdout.split('\n').slice(2).join('\n'),
    );
  });
});

describe('minerals source add: bad input, nothing written', () => {
  const refuse = async (
    args: string[],
    stderr: string,
    code: number,
    article?: string | Buffer,
  ) => {
    const dir = copyBase(article);
    expect(await refused(dir, args)).toEqual({ stdout: '', stderr, code });
  };

  it('a missing FILE, a directory, an empty text', async () => {
    await refuse(
      ['source', 'add', 'nosuch.txt', ...ADD.slice(3)],
      'minerals: cannot read nosuch.txt: no such file\n',
      2,
    );
    await refuse(
      ['source', 'add', 'data', ...ADD.slice(3)],
      'minerals: data is a directory, not a file of text (use - for standard input)\n',
      2,
    );
    await refuse(
      ADD,
      'minerals: article.txt has no text (it is empty or white space only)\n',
      2,
      ' \r\n\t\n',
    );
  });

  it('binary or not UTF-8: the byte offset', async () => {
    await refuse(
      ADD,
      'minerals: article.txt is binary, not text: a NUL byte at byte offset 3\n',
      2,
      Buffer.from([0x61, 0x62, 0x63, 0x00, 0x64]),
    );
    await refuse(
      ADD,
      'minerals: article.txt is not UTF-8 text: the byte at offset 3 is not part of a UTF-8 character (convert it first, e.g. iconv -t UTF-8)\n',
      2,
      Buffer.from('caf\u00e9 na\u00efve', 'latin1'),
    );
  });

  it('a bad id, date, URL, title, publisher or language names the option', async () => {
    const cases: Array<[string, string, string]> = [
      [
        '--id',
        'Acme_Lithium',
        '--id: "Acme_Lithium" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "erg-mitsubishi")',
      ],
      [
        '--published',
        '2025-3',
        '--published: "2025-3" is not an ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD)',
      ],
      ['--published', '2025-02-30', '--published: "2025-02-30" is not a real calendar date'],
      ['--url', 'ftp://example.com/a', '--url: "ftp://example.com/a" is not an http or https URL'],
      ['--url', 'example.com', '--url: "example.com" is not an http or https URL'],
      ['--title', '', '--title: text must not be empty'],
      ['--publisher', '', '--publisher: text must not be empty'],
      ['--language', 'english', '--language: "english" is not a two-letter language code'],
    ];
    for (const [option, value, message] of cases)
      await refuse([...ADD, option, value], `minerals: ${message}\n`, 2);
  });

  it('a missing required option is a usage error', async () => {
    await refuse(
      ADD.slice(0, 7),
      "minerals: required option '--publisher <name>' not specified; see 'minerals source add --help'\n",
      2,
    );
  });

  it('an id in use: exit 1, naming the record, its file and line', async () => {
    await refuse(
      [...ADD.slice(0, 3), '--id', 'karabas', ...ADD.slice(5)],
      'minerals: id karabas is already used by the deposit at data/deposits.yaml:5; choose another --id\n',
      1,
    );
  });

  it('a text stored already (the same once normalised): exit 1, naming the file and its source', async () => {
    const erg = fs.readFileSync(path.join(ROOT, 'seeds', '000_43bf4b2db010c5a0.txt'), 'utf8');
    await refuse(
      ADD,
      'minerals: this text is stored already as seeds/000_43bf4b2db010c5a0.txt, the text of source erg-not-for-sale\n',
      1,
      `\ufeff${erg.replaceAll('\n', '\r\n')}\r\n`,
    );
  });

  it('a base with errors is not written to: exit 1 with its first errors', async () => {
    const dir = copyBase();
    fs.appendFileSync(path.join(dir, 'data', 'deposits.yaml'), '\n- id: broken\n  kind: deposit\n');
    const r = await refused(dir, ADD);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^minerals: the fact base in data has \d+ errors?; source add writes only to a base that validates:\ndata\/deposits\.yaml:\d+:\d+: /,
    );
    expect(r.stderr).toMatch(
      /minerals: run `minerals validate` for all of them, and fix them first\n$/,
    );
  });

  it('a data file of the sources that is a symbolic link or a FIFO is refused', async () => {
    const dir = copyBase();
    const file = path.join(dir, 'data', 'sources.yaml');
    fs.renameSync(file, path.join(dir, 'sources-real.yaml'));
    fs.symlinkSync(path.join(dir, 'sources-real.yaml'), file);
    // --follow-links so that the base loads through the link; the write still refuses it
    expect(await refused(dir, ['--follow-links', ...ADD])).toEqual({
      stdout: '',
      stderr:
        'minerals: data/sources.yaml is a symbolic link; source add appends only to a regular file\n',
      code: 2,
    });
    expect(fs.readdirSync(path.join(dir, 'seeds'))).toHaveLength(5);
    // a FIFO is no data file the base can load: refused as a base with a file unread (exit 2)
    fs.rmSync(file);
    spawnSync('mkfifo', [file]);
    const fifo = await refused(dir, ADD);
    expect(fifo.code).toBe(2);
    expect(fifo.stderr).toMatch(
      /^minerals: the fact base in data has \d+ errors; source add writes only to a base that validates:\n/,
    );
  });

  it('a data file that is not a list at the left margin is refused rather than changed in meaning', async () => {
    const dir = copyBase();
    const file = path.join(dir, 'data', 'sources.yaml');
    // the same list, every line indented by two spaces
    fs.writeFileSync(file, SOURCES.replace(/^(?!#|$)/gm, '  '));
    expect((await runIn(dir, ['validate'])).code).toBe(0);
    expect(await refused(dir, ADD)).toEqual({
      stdout: '',
      stderr:
        'minerals: cannot append the record to data/sources.yaml: it would not read back as its records and the new one (is it a list of records at the left margin?)\n',
      code: 2,
    });
  });

  it.skipIf(process.getuid?.() === 0)(
    'a seeds directory that cannot be written: exit 2',
    async () => {
      const dir = copyBase();
      fs.chmodSync(path.join(dir, 'seeds'), 0o555);
      try {
        const r = await refused(dir, ADD);
        expect(r.stderr).toBe(
          `minerals: cannot write seeds/${STORED}: permission denied; nothing was written\n`,
        );
        expect(r.code).toBe(2);
      } finally {
        fs.chmodSync(path.join(dir, 'seeds'), 0o755);
      }
    },
  );
});

describe('source add writes both files or neither', () => {
  /** The plan for the article in a copy of the base, as the command makes it. */
  function plan(dir: string) {
    const { base, diagnostics } = validateDir(path.join(dir, 'data'), {
      seedsDir: path.join(dir, 'seeds'),
    });
    expect(diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const record = { id: 'acme-lithium', kind: 'source' as const, name: 'A', title: 'A' };
    return planSourceAdd(base, record, ARTICLE, dir);
  }

  it('the data file cannot be replaced (it became a directory): the stored text is removed again', () => {
    const dir = copyBase();
    const p = plan(dir);
    const file = path.join(dir, 'data', 'sources.yaml');
    fs.rmSync(file);
    fs.mkdirSync(file);
    const before = snapshot(dir);
    expect(() => writeSourceAdd(p, dir)).toThrow(
      'cannot write data/sources.yaml: it is a directory; nothing was written',
    );
    expect(snapshot(dir)).toEqual(before);
    expect(fs.readdirSync(path.join(dir, 'seeds')).sort()).toHaveLength(5);
  });

  it('the text cannot be stored (the seeds directory became a file): nothing is written', () => {
    const dir = copyBase();
    const p = plan(dir);
    fs.rmSync(path.join(dir, 'seeds'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'seeds'), 'not a directory');
    const before = snapshot(dir);
    expect(() => writeSourceAdd(p, dir)).toThrow(
      `cannot write seeds/${STORED}: a part of the path is not a directory; nothing was written`,
    );
    expect(snapshot(dir)).toEqual(before);
    expect(fs.readFileSync(path.join(dir, 'data', 'sources.yaml'), 'utf8')).toBe(SOURCES);
  });

  it('a name taken in between is never written over', () => {
    const dir = copyBase();
    const p = plan(dir);
    fs.writeFileSync(path.join(dir, 'seeds', p.seedName), 'someone else');
    expect(() => writeSourceAdd(p, dir)).toThrow(
      `cannot write seeds/${STORED}: a file of that name exists; nothing was written`,
    );
    expect(fs.readFileSync(path.join(dir, 'seeds', p.seedName), 'utf8')).toBe('someone else');
    expect(fs.readFileSync(path.join(dir, 'data', 'sources.yaml'), 'utf8')).toBe(SOURCES);
  });
});
