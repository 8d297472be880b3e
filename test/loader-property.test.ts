// Properties of the loader (docs/hazards.md, "How trusted tools test this"): whatever bytes a
// data file holds, loading never throws, and every diagnostic is located inside the file: line
// >= 1, col >= 1, col <= (characters on that line) + 1, and renders without raw control
// characters. The file is served from memory through the `Fs` interface, so each run is the
// real loadBase + checkBase path without touching the disk.
import fc from 'fast-check';
import type nodeFs from 'node:fs';
import { Parser } from 'yaml';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic, type Diagnostic } from '../src/diagnostics.js';
import { Positions } from '../src/load/position.js';
import type { Fs } from '../src/load/read.js';
import { decode, firstInvalidUtf8 } from '../src/load/text.js';
import { MAX_DEPTH, measureDepth } from '../src/load/yaml.js';
import { validateDir } from './helpers.js';

// FC_RUNS=5000 npx vitest run test/loader-property.test.ts for a longer hunt
const RUNS = { numRuns: Number(process.env.FC_RUNS ?? 200) };
const UNSAFE =
  /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\u2028\u2029\ufeff]/u;

/** A data directory `/mem` holding one file `a.yaml` with these bytes (and the same bytes as any seed text). */
function memoryFs(bytes: Uint8Array): Fs {
  const stat = (kind: 'dir' | 'file', ino: number) =>
    ({
      dev: 1,
      ino,
      size: kind === 'file' ? bytes.length : 0,
      isDirectory: () => kind === 'dir',
      isFile: () => kind === 'file',
      isSymbolicLink: () => false,
      isFIFO: () => false,
      isCharacterDevice: () => false,
      isBlockDevice: () => false,
      isSocket: () => false,
    }) as unknown as nodeFs.Stats;
  const dir = stat('dir', 1);
  const file = stat('file', 2);
  let pos = 0;
  return {
    statSync: (p: string) => (p === '/mem' ? dir : file),
    lstatSync: (p: string) => (p === '/mem' ? dir : file),
    readdirSync: () => ['a.yaml'],
    openSync: () => {
      pos = 0;
      return 3;
    },
    fstatSync: () => file,
    readSync: (_fd: number, buf: Uint8Array, off: number, len: number) => {
      const n = Math.min(len, bytes.length - pos);
      buf.set(bytes.subarray(pos, pos + n), off);
      pos += n;
      return n;
    },
    closeSync: () => undefined,
  } as unknown as Fs;
}

function loadBytes(bytes: Uint8Array): Diagnostic[] {
  return validateDir('/mem', { fs: memoryFs(bytes), seedsDir: '/mem/seeds', cwd: '/mem' })
    .diagnostics;
}

/** The invariants every diagnostic of a one-file load must meet. */
function checkLocated(bytes: Uint8Array, diags: Diagnostic[]): void {
  // lines as an editor shows them: LF ends a line, and the CR of a CRLF is not part of it
  const lines = decode(bytes)
    .text.split('\n')
    .map((l, i, all) => (i < all.length - 1 ? l.replace(/\r$/, '') : l));
  for (const d of diags) {
    expect(d.file).toBe('a.yaml');
    expect(Number.isInteger(d.line) && Number.isInteger(d.col)).toBe(true);
    expect(d.line).toBeGreaterThanOrEqual(1);
    expect(d.col).toBeGreaterThanOrEqual(1);
    expect(d.line).toBeLessThanOrEqual(lines.length);
    const line = lines[d.line - 1]!;
    expect(d.col, `${d.code} at ${d.line}:${d.col} in ${JSON.stringify(line)}`).toBeLessThanOrEqual(
      [...line].length + 1,
    );
    if (d.excerpt !== undefined) expect(d.excerpt).toBe(line);
    const shown = formatDiagnostic(d);
    expect(shown).not.toMatch(UNSAFE);
  }
}

const property = (bytes: Uint8Array) => {
  let diags: Diagnostic[] = [];
  expect(() => (diags = loadBytes(bytes))).not.toThrow();
  checkLocated(bytes, diags);
};

// Pieces of YAML, valid and not, that reach the risky paths: aliases, tags, directives, flow and
// block nesting, quotes, tabs, CR, BOM, NUL, duplicate and prototype keys, non-finite numbers.
const TOKENS = [
  '- ',
  ': ',
  '? ',
  '{',
  '}',
  '[',
  ']',
  ', ',
  '&a ',
  '*a',
  '*b',
  '!!',
  '!!binary ',
  '!!set ',
  '!x ',
  '%YAML 1.1\n---\n',
  '%TAG ! !x\n',
  '---\n',
  '...\n',
  '"',
  "'",
  '\\',
  '"\\e\\u202e"',
  '\t',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '  ',
  '#',
  '|\n',
  '>-\n',
  '__proto__',
  'constructor',
  'id',
  'kind',
  'name',
  'country',
  'source',
  'deposit',
  'claims',
  'quantity',
  'value',
  'citations',
  'x',
  '1',
  '010',
  '.inf',
  '.nan',
  '9007199254740993',
  '1e400',
  'true',
  'null',
  '~',
  'NO',
  '2024-02-30',
  '😀',
  'é',
  'e\u0301',
  '\u0441',
  '\ufeff',
  '\u0000',
  '\u0085',
  '\u2028',
  'id: a\n  kind: country\n  name: A\n',
  '- id: b\n  kind: source\n  name: B\n  title: T\n  file: b.txt\n',
];
const fragments = fc
  .array(fc.constantFrom(...TOKENS), { maxLength: 40 })
  .map((parts) => parts.join(''));
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('the loader never throws, and every diagnostic is located inside the file', () => {
  it('on random bytes', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), property), RUNS);
  });

  it('on random text (any code points)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (s) => property(utf8(s))),
      RUNS,
    );
  });

  it('on YAML-like fragments', () => {
    fc.assert(
      fc.property(fragments, (s) => property(utf8(s))),
      RUNS,
    );
  });

  it('on YAML-like fragments with random bytes spliced in', () => {
    fc.assert(
      fc.property(
        fragments,
        fc.uint8Array({ minLength: 1, maxLength: 4 }),
        fc.nat(),
        (s, junk, at) => {
          const text = utf8(s);
          const i = text.length === 0 ? 0 : at % text.length;
          property(new Uint8Array([...text.subarray(0, i), ...junk, ...text.subarray(i)]));
        },
      ),
      RUNS,
    );
  });

  it('on records with keys and values drawn from the fragments', () => {
    const record = fc
      .tuple(
        fc.constantFrom('country', 'source', 'deposit', 'person', 'bogus'),
        fc.array(fc.tuple(fragments, fragments), { maxLength: 4 }),
      )
      .map(
        ([kind, pairs]) =>
          `- id: x\n  kind: ${kind}\n  name: X\n${pairs.map(([k, v]) => `  ${k}: ${v}\n`).join('')}`,
      );
    fc.assert(
      fc.property(record, (s) => property(utf8(s))),
      RUNS,
    );
  });
});

describe('deep nesting', () => {
  /** `k` block levels (lists and mappings, by indentation), then `m` flow levels (`[` or `{a: `). */
  const nested = fc.record({
    block: fc.array(fc.constantFrom('seq', 'map'), { maxLength: 90 }),
    flow: fc.array(fc.constantFrom('[', '{a: '), { maxLength: 90 }),
  });
  const build = ({ block, flow }: { block: string[]; flow: string[] }) => {
    let text = '';
    for (const [i, kind] of block.entries())
      text += `${'  '.repeat(i)}${kind === 'seq' ? '-' : 'k:'}\n`;
    const close = flow
      .map((o) => (o === '[' ? ']' : '}'))
      .reverse()
      .join('');
    text += `${'  '.repeat(block.length)}${flow.join('')}${flow.length > 0 && flow.at(-1) === '[' ? '' : 'x'}${close}\n`;
    return text;
  };

  it('is too-deep exactly when deeper than 64, and otherwise parses cleanly', () => {
    fc.assert(
      fc.property(nested, (n) => {
        const text = build(n);
        const diags = loadBytes(utf8(text));
        checkLocated(utf8(text), diags);
        const depth = n.block.length + n.flow.length;
        const deep = diags.filter((d) => d.code === 'too-deep');
        if (depth > MAX_DEPTH) {
          expect(deep).toHaveLength(1);
          expect(diags.filter((d) => d.code.startsWith('yaml-'))).toEqual([]);
        } else {
          expect(deep).toEqual([]);
          expect(diags.filter((d) => d.code.startsWith('yaml-')).map((d) => d.code)).toEqual([]);
        }
      }),
      RUNS,
    );
  });

  it('the 65th level is where the diagnostic points', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: MAX_DEPTH + 1, max: 400 }),
        fc.constantFrom('[', '{a: ', '- '),
        (d, opener) => {
          const text =
            opener === '- '
              ? `${'- '.repeat(d)}x\n`
              : `${opener.repeat(d)}${opener === '[' ? '' : '1'}${(opener === '[' ? ']' : '}').repeat(d)}\n`;
          expect(loadBytes(utf8(text)).map((x) => `${x.line}:${x.col} ${x.code}`)).toEqual([
            `1:${1 + MAX_DEPTH * opener.length} too-deep`,
          ]);
        },
      ),
      { numRuns: 50 },
    );
  });

  /** Maximum collection depth over the whole CST: the slow reference measureDepth must agree with. */
  const referenceDepth = (text: string): number => {
    let max = 0;
    const walk = (t: unknown, depth: number): void => {
      if (t === null || typeof t !== 'object') return;
      const tok = t as {
        type?: string;
        value?: unknown;
        items?: Array<{ key?: unknown; value?: unknown }>;
      };
      const d =
        tok.type === 'block-map' || tok.type === 'block-seq' || tok.type === 'flow-collection'
          ? depth + 1
          : depth;
      max = Math.max(max, d);
      walk(tok.value, d);
      for (const it of tok.items ?? []) {
        walk(it.key, d);
        walk(it.value, d);
      }
    };
    for (const tok of new Parser().parse(text)) walk(tok, 0);
    return max;
  };

  it('the streaming depth check agrees with a walk of the whole CST', () => {
    fc.assert(
      fc.property(
        fc.oneof(fragments, nested.map(build)),
        fc.integer({ min: 0, max: 6 }),
        (text, limit) => {
          expect(measureDepth(text, limit) !== null).toBe(referenceDepth(text) > limit);
        },
      ),
      RUNS,
    );
  });
});

describe('the text layer', () => {
  it('firstInvalidUtf8 agrees with the fatal TextDecoder', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true });
    const ok = (b: Uint8Array) => {
      try {
        fatal.decode(b);
        return true;
      } catch {
        return false;
      }
    };
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 20 }).map(utf8),
      fc
        .tuple(
          fc.string({ unit: 'binary', maxLength: 10 }),
          fc.uint8Array({ minLength: 1, maxLength: 3 }),
        )
        .map(([s, b]) => new Uint8Array([...utf8(s), ...b])),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        const bad = firstInvalidUtf8(b);
        expect(bad === -1).toBe(ok(b));
        if (bad >= 0) expect(ok(b.subarray(0, bad))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('Positions counts columns in code points and lines on LF', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), fc.nat(), (s, n) => {
        const text = s.replace(/\r/g, '');
        const offset = text.length === 0 ? 0 : n % (text.length + 1);
        const before = text.slice(0, offset);
        const lineStart = before.lastIndexOf('\n') + 1;
        const at = new Positions(text).at(offset);
        expect(at.line).toBe(before.split('\n').length);
        expect(at.col).toBe([...text.slice(lineStart, offset)].length + 1);
      }),
      { numRuns: 500 },
    );
  });
});
