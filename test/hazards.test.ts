// Hazards 1-20 of docs/hazards.md (bad YAML and bad text), one fixture each under
// test/fixtures/hazard-*/, each asserting the exact codes, lines and columns. Files that a commit
// cannot hold (over-size, 1000-deep pairs) are made at test time. The directory hazards 27-30
// (links, FIFOs, devices, I/O faults) are in walk.test.ts.
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { formatDiagnostic, type toJson, type Diagnostic } from '../src/diagnostics.js';
import { exitCodeFor } from '../src/diagnostics.js';
import { MAX_DIAGNOSTICS_PER_FILE } from '../src/load/base.js';
import { MAX_FILE_BYTES } from '../src/load/read.js';
import { MAX_DEPTH, MAX_TOKENS, measureDepth, parseYaml } from '../src/load/yaml.js';
import { DEPOSIT_STATUSES } from '../src/schema/index.js';
import {
  FIXTURES,
  ROOT,
  fixtureDiagnostics,
  run,
  runCli,
  tempDir,
  validateDir,
} from './helpers.js';

/** A temp directory removed after this file's tests (some hold 5 MB files, FIFOs, sockets). */
const made: string[] = [];
const scratch = () => {
  const dir = tempDir();
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

const load = (name: string) => validateDir(path.join(FIXTURES, name));
const idsOf = (name: string) => load(name).base.records.map((r) => r.record.id);
const recordOf = (name: string, id: string) =>
  load(name).base.records.find((r) => r.record.id === id)?.record as
    | Record<string, unknown>
    | undefined;
const heads = (diags: Diagnostic[]) => diags.map((d) => formatDiagnostic(d).split('\n')[0]!);
const exitOf = (name: string, strict = false) => exitCodeFor(load(name).diagnostics, strict);
/** Every C0 control but LF, DEL, C1, bidi controls, zero-width characters, U+2028/9. */
const UNSAFE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]/u;

/**
 * Spies on every way in-process code could print around the captured io: process.stderr,
 * console and process warnings (which the yaml package uses).
 */
function stderrLeaks() {
  const spies = [
    vi.spyOn(process.stderr, 'write'),
    vi.spyOn(process, 'emitWarning'),
    vi.spyOn(console, 'error'),
    vi.spyOn(console, 'warn'),
    vi.spyOn(console, 'log'),
  ];
  return {
    expectNone: () => {
      for (const spy of spies) expect(spy.mock.calls).toEqual([]);
    },
    restore: () => {
      for (const spy of spies) spy.mockRestore();
    },
  };
}

describe('1-2 aliases are reported where they stand and never expanded', () => {
  it('a billion-laughs file: every alias located, nothing expanded, memory flat, the other file loads', () => {
    const expected: string[] = [];
    // lines 3-9 hold `x: &x [*w, *w, ... nine times]`; the first alias is at col 8, then every 4
    for (let line = 3; line <= 9; line++)
      for (let k = 0; k < 9; k++) expected.push(`bomb.yaml:${line}:${8 + 4 * k} yaml-alias`);
    expect(fixtureDiagnostics('hazard-alias-bomb')).toEqual(expected);

    const before = process.memoryUsage().heapUsed;
    let result: ReturnType<typeof validateDir> | undefined;
    expect(() => {
      for (let i = 0; i < 20; i++) result = load('hazard-alias-bomb');
    }).not.toThrow();
    // 9^8 = 43 million strings if anything expanded the aliases
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(64 * 1024 * 1024);
    expect(result!.base.records.map((r) => r.record.id)).toEqual(['chile']);
    expect(heads(result!.diagnostics)[0]).toBe(
      'bomb.yaml:3:8: error yaml-alias: YAML alias "*a" is not allowed in fact files (aliases are never expanded); write the value out',
    );
    expect(exitOf('hazard-alias-bomb')).toBe(1);
  });

  it('the CLI reports the bomb and exits 1 without a stack trace', async () => {
    const r = await run(['validate', '--data', path.join(FIXTURES, 'hazard-alias-bomb')]);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => / error yaml-alias: /.test(l))).toHaveLength(63);
    expect(r.stderr).toBe('63 errors, 0 warnings in 2 files (1 record, 0 citations)\n');
    expect(`${r.stdout}${r.stderr}`).not.toMatch(/ReferenceError|\n\s+at /);
  });

  it('any alias in a record is an error, even a harmless one', () => {
    expect(fixtureDiagnostics('hazard-alias-in-record')).toEqual(['a.yaml:4:13 yaml-alias']);
    expect(idsOf('hazard-alias-in-record')).toEqual(['chile']);
  });

  it('an undefined alias is located, not a ReferenceError from toJS', () => {
    expect(fixtureDiagnostics('hazard-alias-undefined')).toEqual(['a.yaml:3:9 yaml-alias']);
    expect(heads(load('hazard-alias-undefined').diagnostics)).toEqual([
      'a.yaml:3:9: error yaml-alias: YAML alias "*nope" is not allowed in fact files (aliases are never expanded); write the value out',
    ]);
    expect(idsOf('hazard-alias-undefined')).toEqual(['chile']);
  });

  it('a self-referencing alias builds no cyclic object', () => {
    expect(fixtureDiagnostics('hazard-alias-self-reference')).toEqual(['a.yaml:1:50 yaml-alias']);
    const { base } = load('hazard-alias-self-reference');
    expect(base.records.map((r) => r.record.id)).toEqual(['chile']);
    expect(() => JSON.stringify(base.records.map((r) => r.record))).not.toThrow();
  });
});

describe('3 deep nesting is refused before any object is built', () => {
  it('flow `[[[[` 70 deep inside a record: too-deep at the 65th level', () => {
    // `- id:` list (1) > mapping (2) > 63 brackets reach 65: the 63rd `[` is at col 9 + 62
    expect(fixtureDiagnostics('hazard-deep-flow')).toEqual(['deep.yaml:3:71 too-deep']);
    expect(idsOf('hazard-deep-flow')).toEqual(['chile']);
  });

  it('block `- - - -` 70 deep: too-deep at the 65th dash', () => {
    expect(fixtureDiagnostics('hazard-deep-block')).toEqual(['deep.yaml:1:129 too-deep']);
    expect(idsOf('hazard-deep-block')).toEqual(['chile']);
  });

  it('block mappings 66 deep: too-deep at the 65th key', () => {
    expect(fixtureDiagnostics('hazard-deep-block-map')).toEqual(['deep.yaml:65:129 too-deep']);
    expect(heads(load('hazard-deep-block-map').diagnostics)).toEqual([
      'deep.yaml:65:129: error too-deep: nesting deeper than 64 levels; fact files need only a few',
    ]);
  });

  it('the yaml package is one without CVE-2026-33532 (>= 2.8.3)', () => {
    const { version } = JSON.parse(
      fs.readFileSync(path.join(ROOT, 'node_modules', 'yaml', 'package.json'), 'utf8'),
    ) as { version: string };
    const [major, minor, patch] = version.split('.').map(Number) as [number, number, number];
    expect(major * 1e6 + minor * 1e3 + patch, version).toBeGreaterThanOrEqual(2_008_003);
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      dependencies: Record<string, string>;
    };
    expect(pkg.dependencies.yaml).toMatch(/^\^2\.(8\.([3-9]|\d\d)|9|[1-9]\d)/);
  });

  it('exactly 64 levels are parsed (and then fail as records, not as depth)', () => {
    expect(fixtureDiagnostics('hazard-depth-64-accepted')).toEqual([
      'a.yaml:1:3 record-not-mapping',
    ]);
  });

  const thousandDeep = (dir: string) => {
    fs.writeFileSync(path.join(dir, 'a.yaml'), `${'['.repeat(1000)}${']'.repeat(1000)}\n`);
    fs.writeFileSync(path.join(dir, 'b.yaml'), `${'- '.repeat(1000)}x\n`);
    fs.writeFileSync(
      path.join(dir, 'c.yaml'),
      `${'{a: '.repeat(1000)}1${'}'.repeat(1000)}\n---\n${'['.repeat(1000)}${']'.repeat(1000)}\n`,
    );
    fs.writeFileSync(path.join(dir, 'ok.yaml'), '- {id: chile, kind: country, name: Chile}\n');
  };
  const thousandDeepDiagnostics = [
    'a.yaml:1:65 too-deep',
    'b.yaml:1:129 too-deep',
    // `{a: ` is 4 characters: the 65th `{` is at 1 + 64 * 4; the second document is never parsed
    'c.yaml:1:257 too-deep',
  ];

  it('two and more 1000-deep documents in one process do not crash it', () => {
    const dir = scratch();
    thousandDeep(dir);
    for (let i = 0; i < 3; i++) {
      const { base, diagnostics } = validateDir(dir);
      expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual(
        thousandDeepDiagnostics,
      );
      expect(base.records.map((r) => r.record.id)).toEqual(['chile']);
    }
  });

  it('the built CLI on 1000-deep files exits 1, not 134', () => {
    // a process: an abort on a native stack overflow (exit 134) shows only as a process's status
    const dir = scratch();
    thousandDeep(dir);
    const r = runCli(['validate', '--data', '.'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n').filter((l) => l.includes(' error '))).toEqual(
      thousandDeepDiagnostics.map((s) => {
        const [where, code] = s.split(' ');
        return `${where}: error ${code}: nesting deeper than 64 levels; fact files need only a few`;
      }),
    );
  });

  it('a 5 MB file of `[` stops at the 65th, quickly and without running out of memory', () => {
    const dir = scratch();
    const text = '['.repeat(MAX_FILE_BYTES);
    fs.writeFileSync(path.join(dir, 'a.yaml'), text);
    const { diagnostics } = validateDir(dir);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual([
      'a.yaml:1:65 too-deep',
    ]);
    // quick and small by construction: the depth scan has its verdict within the first
    // MAX_DEPTH + 2 of five million tokens (a lower token limit would be hit first), and no YAML
    // document is ever built from the text
    expect(measureDepth(text, MAX_DEPTH, MAX_DEPTH + 2)).toEqual({ depth: 65, offset: 64 });
    expect(parseYaml(text)).toMatchObject({
      docs: [],
      items: [],
      problems: [{ code: 'too-deep', offset: 64 }],
    });
  });
});

describe('4 huge files are refused from their size', () => {
  it('a file one byte over the cap: file-too-large with its size, the rest loads, exit 2', () => {
    const dir = scratch();
    const big = path.join(dir, 'big.yaml');
    fs.writeFileSync(big, '');
    fs.truncateSync(big, MAX_FILE_BYTES + 1);
    fs.writeFileSync(path.join(dir, 'ok.yaml'), '- {id: chile, kind: country, name: Chile}\n');
    const { base, diagnostics } = validateDir(dir);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual([
      'big.yaml:1:1 file-too-large',
    ]);
    expect(diagnostics[0]!.args).toEqual({ size: MAX_FILE_BYTES + 1, limit: MAX_FILE_BYTES });
    expect(heads(diagnostics)).toEqual([
      'big.yaml:1:1: error file-too-large: file is 5242881 bytes, over the limit of 5242880 bytes; split it into smaller files',
    ]);
    expect(base.records.map((r) => r.record.id)).toEqual(['chile']);
    expect(exitCodeFor(diagnostics, false)).toBe(2);
  });

  it('a file of exactly the cap is read', () => {
    const dir = scratch();
    fs.writeFileSync(path.join(dir, 'full.yaml'), `# ${'x'.repeat(MAX_FILE_BYTES - 3)}\n`);
    expect(fs.statSync(path.join(dir, 'full.yaml')).size).toBe(MAX_FILE_BYTES);
    expect(
      validateDir(dir).diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`),
    ).toEqual(['full.yaml:1:1 empty-file']);
  });
});

describe('5 __proto__ keys', () => {
  it('are unknown keys at every depth, and nothing reaches Object.prototype', () => {
    expect(fixtureDiagnostics('hazard-proto-keys')).toEqual([
      'a.yaml:4:3 unknown-key',
      'a.yaml:10:7 unknown-key',
      'a.yaml:15:11 unknown-key',
      'a.yaml:19:3 unknown-key',
      'a.yaml:20:3 unknown-key',
      'b.yaml:1:1 unknown-key',
    ]);
    expect(heads(load('hazard-proto-keys').diagnostics).slice(0, 2)).toEqual([
      'a.yaml:4:3: error unknown-key: unknown key "__proto__" in country',
      'a.yaml:10:7: error unknown-key: unknown key "__proto__"',
    ]);
    expect(idsOf('hazard-proto-keys')).toEqual(['chile']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.hasOwn(Object.prototype, 'polluted')).toBe(false);
    expect(Object.keys(Object.prototype)).toEqual([]);
    expect(({} as { constructor: unknown }).constructor).toBe(Object);
  });

  it('stay own, inert properties of prototype-less objects', () => {
    const text = fs.readFileSync(path.join(FIXTURES, 'hazard-proto-keys', 'b.yaml'), 'utf8');
    const { items, problems } = parseYaml(text);
    expect(problems).toEqual([]);
    const value = items[0]!.value as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBeNull();
    expect(Object.keys(value)).toEqual(['__proto__', 'id', 'kind', 'name']);
    const proto = Object.getOwnPropertyDescriptor(value, '__proto__')!.value as Record<
      string,
      unknown
    >;
    expect({ ...proto }).toEqual({ polluted: true });
    expect(Object.getPrototypeOf(proto)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('6 duplicate keys, including ones that differ only in quoting', () => {
  it('`1:` and `"1":` are the same key', () => {
    expect(fixtureDiagnostics('hazard-duplicate-keys-1-vs-quoted')).toEqual([
      'a.yaml:5:3 yaml-duplicate-key',
    ]);
    expect(idsOf('hazard-duplicate-keys-1-vs-quoted')).toEqual(['chile']);
  });

  it('`true:` and `"true":`, `null:` and `\'null\':` are the same key', () => {
    expect(fixtureDiagnostics('hazard-duplicate-keys-true-vs-quoted')).toEqual([
      'a.yaml:5:3 yaml-duplicate-key',
      'a.yaml:7:3 yaml-duplicate-key',
    ]);
    expect(heads(load('hazard-duplicate-keys-true-vs-quoted').diagnostics)[0]).toBe(
      'a.yaml:5:3: error yaml-duplicate-key: YAML: Map keys must be unique',
    );
  });

  it('a plain repeated key', () => {
    expect(fixtureDiagnostics('hazard-duplicate-keys-plain')).toEqual([
      'a.yaml:4:3 yaml-duplicate-key',
    ]);
    expect(idsOf('hazard-duplicate-keys-plain')).toEqual(['chile']);
  });
});

describe('7 identity collisions', () => {
  it('Cyrillic look-alikes, composed and decomposed é, capitals and zero-width characters are bad ids', () => {
    expect(fixtureDiagnostics('hazard-id-lookalikes')).toEqual([
      'a.yaml:1:7 bad-id',
      'a.yaml:4:7 bad-id',
      'a.yaml:7:7 bad-id',
      'a.yaml:10:7 bad-id',
      'a.yaml:13:7 bad-id',
    ]);
    // no duplicate-id: the look-alike never collides with, nor shadows, the real `copper`
    expect(idsOf('hazard-id-lookalikes')).toEqual(['copper']);
    expect(heads(load('hazard-id-lookalikes').diagnostics)[4]).toBe(
      'a.yaml:13:7: error bad-id: "co\\u{200B}pper" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "erg-mitsubishi")',
    );
  });
});

describe('8-9 the core schema, whatever the header says', () => {
  it('NO, yes, on, 1:20, 1_000, 2024-01-02 stay strings; 010 is 10', () => {
    expect(fixtureDiagnostics('hazard-core-schema-scalars')).toEqual([]);
    const norway = recordOf('hazard-core-schema-scalars', 'norway')!;
    expect(norway.name).toBe('NO');
    expect(norway.iso2).toBe('NO');
    expect(norway.aliases).toEqual([
      'yes',
      'on',
      'off',
      'y',
      'n',
      '1:20',
      '1_000',
      '2024-01-02',
      '12:30:00',
      '~x',
    ]);
    expect(recordOf('hazard-core-schema-scalars', 'news')!.published).toBe('2024-01-02');
    const claims = recordOf('hazard-core-schema-scalars', 'lokken')!.claims as Array<{
      quantity: { value: unknown };
    }>;
    expect(claims[0]!.quantity.value).toBe(10);
  });

  it('a %YAML 1.1 header is a located warning and changes nothing: NO stays "NO", no merge keys', () => {
    expect(fixtureDiagnostics('hazard-yaml11-header')).toEqual([
      // after a comment that mentions %YAML: the warning points at the header line itself
      'a.yaml:2:1 yaml-directive',
      'merge.yaml:1:1 yaml-directive',
      // `<<` merged nothing: it is an unknown key, and name is still missing
      'merge.yaml:3:3 missing-key',
      'merge.yaml:5:3 unknown-key',
    ]);
    const { diagnostics } = load('hazard-yaml11-header');
    expect(diagnostics[0]!.severity).toBe('warning');
    expect(heads(diagnostics)[0]).toBe(
      'a.yaml:2:1: warning yaml-directive: %YAML 1.1 header ignored: fact files are always read as YAML 1.2 (core schema)',
    );
    const norway = recordOf('hazard-yaml11-header', 'norway')!;
    expect(norway.name).toBe('NO');
    expect(norway.iso2).toBe('NO');
    expect(norway.aliases).toEqual(['yes', 'on', '2024-01-02', '1:20', '0b101']);
    expect(idsOf('hazard-yaml11-header')).toEqual(['norway', 'chile']);
  });

  it('a header on each of several documents warns at each; one carried over by yaml warns once', () => {
    const twice = parseYaml('%YAML 1.1\n---\na: 1\n...\n%YAML 1.1\n---\nb: 2\n').problems;
    expect(twice.map((p) => `${p.code}@${p.offset}`)).toEqual([
      'yaml-directive@0',
      'multiple-documents@33',
      'yaml-directive@23',
    ]);
    const once = parseYaml('%YAML 1.1\n---\na: 1\n...\n---\nb: 2\n').problems;
    expect(once.map((p) => `${p.code}@${p.offset}`)).toEqual([
      'yaml-directive@0',
      'multiple-documents@23',
    ]);
  });
});

describe('10 explicit tags', () => {
  it('!!timestamp, !!binary, !!set, !!omap, !js/function, !!js/function and custom tags are located errors', () => {
    expect(fixtureDiagnostics('hazard-explicit-tags')).toEqual([
      'a.yaml:3:9 yaml-tag',
      'a.yaml:4:10 yaml-tag',
      'a.yaml:5:9 yaml-tag',
      'a.yaml:6:8 yaml-tag',
      'a.yaml:7:13 yaml-tag',
      'a.yaml:8:14 yaml-tag',
      'a.yaml:9:16 yaml-tag',
    ]);
    expect(load('hazard-explicit-tags').diagnostics.map((d) => d.args.tag)).toEqual([
      '!!timestamp',
      '!!binary',
      '!!set',
      '!!omap',
      '!js/function',
      '!!js/function',
      '!custom',
    ]);
    expect(idsOf('hazard-explicit-tags')).toEqual(['chile']);
  });

  it('print nothing to stderr while loading', async () => {
    const leaks = stderrLeaks();
    try {
      const r = await run(['validate', '--data', path.join(FIXTURES, 'hazard-explicit-tags')]);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe('7 errors, 0 warnings in 2 files (1 record, 0 citations)\n');
      // and nothing (a yaml warning, a console call) went around the captured stderr
      leaks.expectNone();
    } finally {
      leaks.restore();
    }
  });
});

describe('11 broken YAML yields no data', () => {
  it('a syntax error drops the whole file, including its well-formed records', () => {
    expect(fixtureDiagnostics('hazard-broken-syntax')).toEqual([
      'a.yaml:6:3 yaml-bad-indent',
      'b.yaml:4:1 yaml-missing-char',
    ]);
    const { base } = load('hazard-broken-syntax');
    expect(base.records.map((r) => r.record.id)).toEqual(['chile']);
    // not even the ids of the broken files count
    expect(base.ids.map((s) => s.id)).toEqual(['chile']);
  });
});

describe('12 numbers that are not exact', () => {
  it('.inf, -.Inf, .nan, 1e400 and 2^53+1 are refused where they stand; 2^53-1 is fine', () => {
    expect(fixtureDiagnostics('hazard-non-finite-and-unsafe-numbers')).toEqual([
      'a.yaml:16:25 non-finite-number',
      'a.yaml:19:25 non-finite-number',
      'a.yaml:22:25 non-finite-number',
      'a.yaml:25:25 unsafe-integer',
      'a.yaml:28:25 non-finite-number',
    ]);
    expect(heads(load('hazard-non-finite-and-unsafe-numbers').diagnostics).slice(3, 5)).toEqual([
      'a.yaml:25:25: error unsafe-integer: integer 9007199254740993 is too large to store exactly (limit ±9007199254740991); quote it or use a scale',
      'a.yaml:28:25: error non-finite-number: "1e400" is not a finite number',
    ]);
    expect(idsOf('hazard-non-finite-and-unsafe-numbers')).toEqual(['copper', 'news']);
  });
});

describe('13 empty files and bare scalars', () => {
  it('empty, comment-only and marker-only files are warnings (exit 0; 1 with --strict)', () => {
    expect(fixtureDiagnostics('hazard-empty-files')).toEqual([
      'comments.yaml:1:1 empty-file',
      'empty.yaml:1:1 empty-file',
      'marker.yaml:1:1 empty-file',
    ]);
    expect(load('hazard-empty-files').diagnostics.every((d) => d.severity === 'warning')).toBe(
      true,
    );
    expect(idsOf('hazard-empty-files')).toEqual(['chile']);
    expect(exitOf('hazard-empty-files')).toBe(0);
    expect(exitOf('hazard-empty-files', true)).toBe(1);
  });

  it('a bare scalar document, and scalars or lists among the records, are not records', () => {
    expect(fixtureDiagnostics('hazard-bare-scalar')).toEqual([
      'list.yaml:4:3 record-not-mapping',
      'list.yaml:5:3 record-not-mapping',
      'number.yaml:2:1 not-records',
      'scalar.yaml:1:1 not-records',
    ]);
    expect(heads(load('hazard-bare-scalar').diagnostics)).toEqual([
      'list.yaml:4:3: error record-not-mapping: each item of the list must be a record (a mapping), not a string',
      'list.yaml:5:3: error record-not-mapping: each item of the list must be a record (a mapping), not a list',
      'number.yaml:2:1: error not-records: file must hold a record (a mapping) or a list of records, not a number',
      'scalar.yaml:1:1: error not-records: file must hold a record (a mapping) or a list of records, not a string',
    ]);
    expect(idsOf('hazard-bare-scalar')).toEqual(['peru', 'chile']);
  });
});

describe('14 several documents in one file', () => {
  it('each extra document is an error at its `---`', () => {
    expect(fixtureDiagnostics('hazard-multiple-documents')).toEqual([
      'a.yaml:5:1 multiple-documents',
      'a.yaml:11:1 multiple-documents',
    ]);
    expect(exitOf('hazard-multiple-documents')).toBe(1);
  });
});

describe('15 BOMs, carriage returns, tabs', () => {
  it('a BOM inside the file', () => {
    expect(fixtureDiagnostics('hazard-bom-mid-file')).toEqual(['a.yaml:3:11 bom-mid-file']);
    expect(idsOf('hazard-bom-mid-file')).toEqual(['chile']);
  });

  it('a leading BOM is accepted and does not shift columns', () => {
    expect(
      fs.readFileSync(path.join(FIXTURES, 'hazard-bom-leading-accepted', 'a.yaml')).subarray(0, 3),
    ).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(fixtureDiagnostics('hazard-bom-leading-accepted')).toEqual(['b.yaml:1:7 bad-id']);
    expect(idsOf('hazard-bom-leading-accepted')).toEqual(['peru']);
  });

  it('a lone CR is an error at the CR; CRLF files load', () => {
    expect(fixtureDiagnostics('hazard-lone-cr')).toEqual(['a.yaml:3:13 lone-cr']);
    expect(idsOf('hazard-lone-cr')).toEqual(['bolivia', 'chile']);
  });

  it('tab indentation is located; a tab inside a flow list is fine', () => {
    expect(fixtureDiagnostics('hazard-tab-indent')).toEqual([
      'a.yaml:5:1 yaml-tab-as-indent',
      // a tab before a key: yaml reads it as text after the first line, three located errors
      'b.yaml:2:2 yaml-unexpected-token',
      'b.yaml:2:6 yaml-unexpected-token',
      'b.yaml:2:8 yaml-unexpected-token',
    ]);
    expect(recordOf('hazard-tab-indent', 'chile')!.aliases).toEqual(['República de Chile']);
  });
});

describe('16 text that is not UTF-8', () => {
  it('Latin-1: not-utf8 at the bad byte', () => {
    expect(fixtureDiagnostics('hazard-not-utf8-latin1')).toEqual(['a.yaml:3:12 not-utf8']);
    expect(idsOf('hazard-not-utf8-latin1')).toEqual(['chile']);
  });

  it('UTF-16 with either BOM', () => {
    expect(fixtureDiagnostics('hazard-not-utf8-utf16-bom')).toEqual([
      'be.yaml:1:1 not-utf8',
      'le.yaml:1:1 not-utf8',
    ]);
    expect(idsOf('hazard-not-utf8-utf16-bom')).toEqual(['chile']);
  });

  it('a PNG named .yaml', () => {
    expect(fixtureDiagnostics('hazard-not-utf8-png')).toEqual(['image.yaml:1:1 not-utf8']);
    expect(heads(load('hazard-not-utf8-png').diagnostics)).toEqual([
      'image.yaml:1:1: error not-utf8: file is not valid UTF-8 (invalid byte here); save it as UTF-8',
    ]);
  });

  it('a bad byte late in the file, overlong encodings and encoded surrogates', () => {
    expect(fixtureDiagnostics('hazard-not-utf8-late')).toEqual([
      'a.yaml:4:16 not-utf8',
      'overlong.yaml:2:9 not-utf8',
      'surrogate.yaml:2:9 not-utf8',
    ]);
  });

  it('a NUL byte', () => {
    expect(fixtureDiagnostics('hazard-nul-byte')).toEqual(['a.yaml:3:11 nul-byte']);
    expect(idsOf('hazard-nul-byte')).toEqual(['chile']);
  });
});

describe('17, 21, 22 control characters in scalars reach the output escaped', () => {
  it('raw ESC, OSC 52, RLO, C1 CSI and U+2028 are data, and every diagnostic shows them visibly', () => {
    expect(fixtureDiagnostics('hazard-control-chars')).toEqual([
      'a.yaml:4:7 bad-id',
      'a.yaml:10:3 unknown-key',
      'a.yaml:11:3 unknown-key',
    ]);
    expect(recordOf('hazard-control-chars', 'peru')!.name).toBe('Peru \u001b[31mred\u001b[0m');
    expect(recordOf('hazard-control-chars', 'colombia')!.name).toBe(
      'Col\u009b2Jombia \u2028 \u0000',
    );
    const { diagnostics } = load('hazard-control-chars');
    const text = diagnostics.map((d) => formatDiagnostic(d)).join('\n');
    expect(text).not.toMatch(UNSAFE);
    expect(heads(diagnostics)).toEqual([
      'a.yaml:4:7: error bad-id: "bolivia\\u001b]52;c;aGk=\\u0007" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "erg-mitsubishi")',
      'a.yaml:10:3: error unknown-key: unknown key "iso2\\u{202E}" in country (did you mean "iso2"?)',
      'a.yaml:11:3: error unknown-key: unknown key "na\\u001bme" in country (did you mean "name"?)',
    ]);
    expect(formatDiagnostic(diagnostics[2]!).split('\n')[1]).toBe('   11 |   na^[me: x');
  });

  it('the CLI prints them escaped, as text and as JSON', async () => {
    const dir = path.join(FIXTURES, 'hazard-control-chars');
    const text = await run(['validate', '--data', dir]);
    expect(text.code).toBe(1);
    expect(text.stdout).not.toMatch(UNSAFE);
    const json = await run(['validate', '--json', '--data', dir]);
    expect(json.stdout).not.toMatch(UNSAFE);
    const parsed = JSON.parse(json.stdout) as Array<ReturnType<typeof toJson>>;
    expect(parsed.map((d) => d.args.key ?? d.args.value)).toEqual([
      'bolivia\u001b]52;c;aGk=\u0007',
      'iso2\u202e',
      'na\u001bme',
    ]);
  });
});

describe('18 misspelt keys', () => {
  it('are unknown keys with a suggestion, each at the key', () => {
    expect(fixtureDiagnostics('hazard-misspelt-keys')).toEqual([
      'a.yaml:4:3 unknown-key',
      'a.yaml:8:3 unknown-key',
      'a.yaml:9:3 missing-key',
      'a.yaml:13:3 unknown-key',
      'a.yaml:19:3 unknown-key',
      'a.yaml:20:11 bad-enum',
    ]);
    expect(heads(load('hazard-misspelt-keys').diagnostics)).toEqual([
      'a.yaml:4:3: error unknown-key: unknown key "symbl" in commodity (did you mean "symbol"?)',
      'a.yaml:8:3: error unknown-key: unknown key "iso" in country (did you mean "iso2"?)',
      'a.yaml:9:3: error missing-key: missing required key "commodities" in deposit',
      'a.yaml:13:3: error unknown-key: unknown key "comodities" in deposit (did you mean "commodities"?)',
      'a.yaml:19:3: error unknown-key: unknown key "staus" in deposit (did you mean "status"?)',
      `a.yaml:20:11: error bad-enum: "production" is not one of ${DEPOSIT_STATUSES.map((s) => `"${s}"`).join(', ')} (did you mean "producing"?)`,
    ]);
  });
});

describe('19 zod traps', () => {
  it('no coercion: "" and "12" are not numbers, 2024-02-30 is not a date', () => {
    expect(fixtureDiagnostics('hazard-no-coercion')).toEqual([
      'a.yaml:9:14 date-invalid',
      'a.yaml:17:25 wrong-type',
      'a.yaml:20:25 wrong-type',
      'a.yaml:23:25 wrong-type',
    ]);
    expect(heads(load('hazard-no-coercion').diagnostics).slice(1)).toEqual([
      'a.yaml:17:25: error wrong-type: expected a number, found string ""',
      'a.yaml:20:25: error wrong-type: expected a number, found string "12"',
      'a.yaml:23:25: error wrong-type: expected a number, found boolean true',
    ]);
  });

  it('the kind discriminates: an unknown kind says which kinds exist, not "Invalid input"', () => {
    expect(fixtureDiagnostics('hazard-unknown-kind')).toEqual([
      'a.yaml:2:9 unknown-kind',
      'a.yaml:4:3 missing-key',
      'a.yaml:7:9 unknown-kind',
    ]);
    expect(load('hazard-unknown-kind').diagnostics[0]!.args.suggestions).toEqual(['country']);
    expect(idsOf('hazard-unknown-kind')).toEqual(['chile']);
  });

  it('issues are capped per file, with a last line that says so', () => {
    const expected = Array.from({ length: 100 }, (_, i) => `many.yaml:${4 + 4 * i}:3 unknown-key`);
    expect(fixtureDiagnostics('hazard-too-many-diagnostics')).toEqual([
      ...expected,
      'many.yaml:404:3 too-many-diagnostics',
    ]);
    expect(idsOf('hazard-too-many-diagnostics')).toEqual(['chile']);
  });

  it('a file of 100 000 aliases is capped too, and quickly', () => {
    const dir = scratch();
    const text = `a: &a x\nb: [${'*a, '.repeat(100_000)}]\n`;
    fs.writeFileSync(path.join(dir, 'a.yaml'), text);
    const { diagnostics } = validateDir(dir);
    expect(diagnostics).toHaveLength(101);
    expect(diagnostics[0]!.col).toBe(5);
    expect(diagnostics[99]!.col).toBe(5 + 4 * 99);
    expect(diagnostics[100]!.code).toBe('too-many-diagnostics');
    // quick by construction: the parse the loader makes (base.ts asks for one alias over the cap)
    // stops making problems at the cap, so 100 000 aliases never become 100 000 located
    // diagnostics, each with an excerpt of a 400 kB line
    const { problems } = parseYaml(text, MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(problems).toHaveLength(MAX_DIAGNOSTICS_PER_FILE + 1);
    expect(problems.every((p) => p.code === 'yaml-alias')).toBe(true);
  });
});

describe('20 columns count characters, not UTF-16 units', () => {
  it('an error after emoji on the same line is at the column an editor shows', () => {
    expect(fixtureDiagnostics('hazard-emoji-columns')).toEqual([
      'a.yaml:4:9 bad-iso2',
      // `- {id: bolivia, kind: country, name: "😀😀", iso2: bö}`: 50 characters in, 52 UTF-16 units
      'a.yaml:5:50 bad-iso2',
      'b.yaml:1:12 yaml-unexpected-token',
    ]);
    const d = load('hazard-emoji-columns').diagnostics[1]!;
    expect(formatDiagnostic(d).split('\n').slice(1)).toEqual([
      '    5 | - {id: bolivia, kind: country, name: "😀😀", iso2: bö}',
      '      |                                                  ^',
    ]);
  });
});

describe('every fixture of this file: the run goes on, nothing throws, no stack trace', () => {
  const names = fs.readdirSync(FIXTURES).filter((n) => n.startsWith('hazard-'));
  it.each(names)('%s', (name) => {
    const { diagnostics } = load(name);
    for (const d of diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(1);
      expect(d.col).toBeGreaterThanOrEqual(1);
      if (d.excerpt !== undefined) expect(d.col).toBeLessThanOrEqual([...d.excerpt].length + 1);
      expect(formatDiagnostic(d)).not.toMatch(UNSAFE);
    }
  });

  it('the CLI exits 1 on data errors, never with a trace', async () => {
    // a trace would be a rejected main (this test fails on it) or text on the captured stderr
    const r = await run(['validate', '--data', path.join(FIXTURES, 'hazard-not-utf8-png')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('1 error, 0 warnings in 2 files (1 record, 0 citations)\n');
  });
});

describe('hazard 4 (dense content): a token limit bounds parse time and memory', () => {
  it('5 MB of a dense flow list is refused with too-many-tokens (exit 2) before yaml builds it', () => {
    const dir = tempDir();
    const text = `[${'x,'.repeat(2_400_000)}x]\n`;
    fs.writeFileSync(path.join(dir, 'dense.yaml'), text);
    fs.writeFileSync(path.join(dir, 'ok.yaml'), '- {id: ok, kind: country, name: OK}\n');
    const { base, diagnostics } = validateDir(dir);
    expect(diagnostics.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual([
      'dense.yaml:1:1 too-many-tokens',
    ]);
    expect(diagnostics[0]!.args).toEqual({ limit: MAX_TOKENS });
    // bounded by construction: the scan counts tokens as it lexes and stops one over the limit,
    // whatever follows (shown with a small limit: 4.8 million tokens follow); a file refused this
    // way is never composed into YAML documents (parseYaml returns before parseAllDocuments)
    expect(measureDepth(text, MAX_DEPTH, 1000)).toEqual({ tokens: 1001 });
    expect(exitCodeFor(diagnostics, false)).toBe(2);
    expect(base.records.map((r) => r.record.id)).toEqual(['ok']);
  });

  it('the token count of the shipped data files is far below the limit', () => {
    for (const f of fs.readdirSync(path.join(ROOT, 'data')).filter((n) => n.endsWith('.yaml'))) {
      const text = fs.readFileSync(path.join(ROOT, 'data', f), 'utf8');
      expect(measureDepth(text, MAX_DEPTH, Math.ceil(text.length * 0.5))).toBeNull();
    }
  });
});
