// Every machine format carries the strings JSON carries. Whatever a data file's text holds (C0 and
// C1 controls, DEL, escape sequences, bidi controls, zero-width characters, line and paragraph
// separators, lone surrogates, emoji, quotes, commas), the yaml, csv and tsv output of a real
// command parses back to the values parsed from its json output: yaml writes such a string as JSON
// does; csv and tsv, off a terminal, write it raw (tsv escapes \t \n \r \\). On a terminal csv and
// tsv cells are escaped as a table's are; a lone surrogate, which UTF-8 cannot encode, reaches a
// csv or tsv reader as U+FFFD.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { sqlite } from '../src/pipeline/store.js';
import { parseCsv, run, tempDir } from './helpers.js';

/** What a terminal must not get raw: C0 controls but the newline, DEL, C1, bidi, zero-width, separators. */
const RAW =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]/;

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

interface Country {
  name: string;
  description: string;
}

/** A string as a double-quoted YAML scalar of a data file: every character but printable ASCII a \u escape. */
const yamlText = (s: string) =>
  JSON.stringify(s).replace(
    /[^\x20-\x7e]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );

/** A base of one country a text (ids c0, c1, ...), in a new directory: its path. */
function baseOf(countries: readonly Country[]): string {
  const dir = tempDir('minerals-roundtrip-');
  dirs.push(dir);
  fs.mkdirSync(path.join(dir, 'data'));
  fs.writeFileSync(
    path.join(dir, 'data', 'countries.yaml'),
    countries
      .map(
        (c, i) =>
          `- id: c${i}\n  kind: country\n  name: ${yamlText(c.name)}\n  description: ${yamlText(c.description)}\n`,
      )
      .join(''),
  );
  return dir;
}

/** `minerals countries` on the base in `dir`, with these fields, in this format: its stdout (it must succeed). */
async function countries(dir: string, format: string, tty = false): Promise<string> {
  const r = await run(
    [
      'countries',
      '--data',
      'data',
      '--no-cache',
      '--fields',
      'id,name,description',
      '--format',
      format,
    ],
    { cwd: dir, tty },
  );
  // on a terminal, stderr has the progress line's erasure
  if (!tty) expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

/** Text as a reader of the UTF-8 output gets it: a lone surrogate, which UTF-8 cannot encode, as U+FFFD. */
const utf8 = (s: string) => Buffer.from(s, 'utf8').toString('utf8');

/** A csv or tsv cell for a value: with a leading ' when a spreadsheet would run it as a formula (no value here is a number). */
const cellOf = (v: string) => utf8(/^[=+\-@\t\r]/.test(v) ? `'${v}` : v);

const TSV_ESCAPES: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', '\\': '\\' };

/** tsv as `help formats` has it: a line a row, cells split at tabs, \t \n \r \\ unescaped (no other escape). */
function parseTsv(text: string): string[][] {
  expect(text.endsWith('\n'), 'the last row ends with a newline').toBe(true);
  return text
    .slice(0, -1)
    .split('\n')
    .map((line) =>
      line.split('\t').map((cell) =>
        cell.replace(/\\(.?)/gs, (_, c: string) => {
          expect(TSV_ESCAPES[c], `the escape \\${c}`).toBeDefined();
          return TSV_ESCAPES[c]!;
        }),
      ),
    );
}

// the pieces of a text: what data can hold that a terminal must not get raw, and what a format
// must quote or escape
const piece = fc.oneof(
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
  fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)),
  fc.constantFrom('\u001b[31m', '\u001b]52;c;aGk=\u0007', '\u009b2J', '\u001b[0m'),
  fc.constantFrom(
    '\u202a',
    '\u202b',
    '\u202c',
    '\u202d',
    '\u202e',
    '\u2066',
    '\u2067',
    '\u2068',
    '\u2069',
    '\u061c',
    '\u200e',
    '\u200f',
  ),
  fc.constantFrom('\u200b', '\u200c', '\u200d', '\u2060', '\ufeff', '\u2028', '\u2029'),
  fc.constantFrom('\ud800', '\udbff', '\udc00', '\udfff'),
  fc.constantFrom('😀', '👩‍🔬', 'é', '中', '\u00a0'),
  fc.constantFrom(
    '"',
    "'",
    ',',
    '\\',
    ' ',
    '=',
    '+',
    '-',
    '@',
    ':',
    '#',
    '|',
    '>',
    '[',
    '{',
    '&',
    '*',
    '!',
    '%',
    '~',
    'yes',
    'null',
    'a',
  ),
);
const text = fc.string({ unit: piece, minLength: 1, maxLength: 12 });

describe('json, ndjson, yaml, csv, tsv and export csv carry the same strings', () => {
  it('parse back to the values of the json output (fast-check, through the commands)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ name: text, description: text }), { minLength: 1, maxLength: 3 }),
        async (records) => {
          const dir = baseOf(records);
          const json = JSON.parse(await countries(dir, 'json')) as Array<Country & { id: string }>;
          expect(json).toEqual(records.map((r, i) => ({ id: `c${i}`, ...r })));

          const ndjson = await countries(dir, 'ndjson');
          expect(ndjson.endsWith('\n')).toBe(true);
          expect(
            ndjson
              .slice(0, -1)
              .split('\n')
              .map((l) => JSON.parse(l) as unknown),
          ).toEqual(json);

          const yaml = await countries(dir, 'yaml');
          expect(YAML.parse(yaml)).toEqual(json);
          expect(yaml).not.toMatch(RAW);

          const cells = [
            ['id', 'name', 'description'],
            ...json.map((r) => [r.id, cellOf(r.name), cellOf(r.description)]),
          ];
          expect(parseCsv(utf8(await countries(dir, 'csv')))).toEqual(cells);
          expect(parseTsv(utf8(await countries(dir, 'tsv')))).toEqual(cells);

          fs.rmSync(dir, { recursive: true });

          // export csv: the list's table byte for byte, and the records' own texts as json has
          // them; on the same texts made well-formed (a lone surrogate as U+FFFD, as a reader of
          // the csv above gets it): the store, and so the export, holds a lone surrogate as the
          // three bytes of CESU-8, which read back as three U+FFFD (a known gap, the store's)
          const wellFormed = records.map((r) => ({
            name: utf8(r.name),
            description: utf8(r.description),
          }));
          const base = baseOf(wellFormed);
          const exported = await run(['export', 'csv', 'out', '--data', 'data', '--no-cache'], {
            cwd: base,
          });
          expect(exported).toEqual({ stdout: '', stderr: '', code: 0 });
          const list = await run(['countries', '--data', 'data', '--no-cache', '--format', 'csv'], {
            cwd: base,
          });
          expect(fs.readFileSync(path.join(base, 'out', 'countries.csv'), 'utf8')).toBe(
            list.stdout,
          );
          const [header, ...rows] = parseCsv(
            fs.readFileSync(path.join(base, 'out', 'records.csv'), 'utf8'),
          );
          const [name, description] = ['name', 'description'].map((c) => header!.indexOf(c));
          expect(rows.map((r) => [r[name!], r[description!]])).toEqual(
            wellFormed.map((r) => [cellOf(r.name), cellOf(r.description)]),
          );
          fs.rmSync(base, { recursive: true });
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('each format, exactly', () => {
  const dir = baseOf([
    { name: 'a\tb\u202e\u001b[31m', description: 'x\ny\u200b' },
    { name: 'line one\nline two', description: '\ud800=\u0085\u007f' },
  ]);

  it('yaml: a string with a control, bidi or zero-width character as JSON writes it; newlines alone as a block', async () => {
    expect(await countries(dir, 'yaml')).toBe(
      [
        '- id: c0',
        '  name: "a\\tb\\u202e\\u001b[31m"',
        '  description: "x\\ny\\u200b"',
        '- id: c1',
        '  name: |-',
        '    line one',
        '    line two',
        '  description: "\\ud800=\\u0085\\u007f"',
        '',
      ].join('\n'),
    );
    expect(await countries(dir, 'json')).toBe(
      '[{"id":"c0","name":"a\\tb\\u202e\\u001b[31m","description":"x\\ny\\u200b"},{"id":"c1","name":"line one\\nline two","description":"\\ud800=\\u0085\\u007f"}]\n',
    );
  });

  it('csv and tsv off a terminal: the text raw (RFC 4180 quoting; tsv escapes \\t \\n \\r \\\\)', async () => {
    expect(await countries(dir, 'csv')).toBe(
      'id,name,description\r\nc0,a\tb\u202e\u001b[31m,"x\ny\u200b"\r\nc1,"line one\nline two",\ud800=\u0085\u007f\r\n',
    );
    expect(await countries(dir, 'tsv')).toBe(
      'id\tname\tdescription\nc0\ta\\tb\u202e\u001b[31m\tx\\ny\u200b\nc1\tline one\\nline two\t\ud800=\u0085\u007f\n',
    );
  });

  it('csv and tsv on a terminal: what remains escaped as a table escapes it', async () => {
    expect(await countries(dir, 'csv', true)).toBe(
      'id,name,description\r\nc0,a^Ib\\u{202E}^[[31m,"x^Jy\\u{200B}"\r\nc1,"line one^Jline two",\ud800=\\u{85}^?\r\n',
    );
    expect(await countries(dir, 'tsv', true)).toBe(
      'id\tname\tdescription\nc0\ta\\tb\\u{202E}^[[31m\tx\\ny\\u{200B}\nc1\tline one\\nline two\t\ud800=\\u{85}^?\n',
    );
  });

  it('export: the list tables hold the text as it is, in the database as in the csv files', async () => {
    const exported = await run(['export', 'sqlite', 'out.sqlite', '--data', 'data', '--no-cache'], {
      cwd: dir,
    });
    expect(exported).toEqual({ stdout: '', stderr: '', code: 0 });
    const db = new (sqlite())(path.join(dir, 'out.sqlite'), { readonly: true });
    try {
      expect(db.prepare('SELECT id, name FROM countries ORDER BY rowid').all()).toEqual([
        { id: 'c0', name: 'a\tb\u202e\u001b[31m' },
        { id: 'c1', name: 'line one\nline two' },
      ]);
    } finally {
      db.close();
    }
  });
});
