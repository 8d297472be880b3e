// The pure functions behind the validation rules: calendar dates, hedge words, quote
// normalisation, suggestions, terminal/JSON sanitising and the diagnostic format.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkHedge } from '../src/check/hedges.js';
import { nearestText, normalizeText } from '../src/util/quotes.js';
import { formatDiagnostic, makeDiagnostic, message } from '../src/diagnostics.js';
import { schemaProblems } from '../src/load/issues.js';
import { hasUnsafe, safeJson, sanitize } from '../src/util/sanitize.js';
import { BOUNDS, DateSpec, daysInMonth, isoDateProblem, type Bound } from '../src/schema/index.js';
import { closest, distance, MAX_SUGGESTED } from '../src/util/suggest.js';

describe('isoDateProblem', () => {
  it.each([
    ['2026', null],
    ['2026-12', null],
    ['2026-12-05', null],
    ['2024-02-29', null], // leap year
    ['2000-02-29', null], // divisible by 400
    ['2023-04-30', null],
    ['2023-12-31', null],
    ['2025-02-29', 'date-invalid'],
    ['1900-02-29', 'date-invalid'], // divisible by 100, not by 400
    ['2024-13', 'date-invalid'],
    ['2024-00', 'date-invalid'],
    ['2023-04-31', 'date-invalid'],
    ['2023-01-00', 'date-invalid'],
    ['2023-01-32', 'date-invalid'],
    ['26-12', 'date-format'],
    ['2024-1', 'date-format'],
    ['2024-01-5', 'date-format'],
    ['20240105', 'date-format'],
    ['2024/01/05', 'date-format'],
    ['2024-01-05T10:00', 'date-format'],
    ['2024\n', 'date-format'],
    [' 2024', 'date-format'],
    ['', 'date-format'],
    ['２０２４', 'date-format'], // full-width digits are not ASCII digits
  ] as const)('%j -> %s', (text, expected) => {
    expect(isoDateProblem(text)).toBe(expected);
  });

  it('agrees with the calendar for every day of every month of any year', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 9999 }),
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 31 }),
        (y, m, d) => {
          const date = new Date(0);
          date.setUTCFullYear(y, m - 1, d);
          const real =
            date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
          const iso = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
          expect(isoDateProblem(iso)).toBe(real ? null : 'date-invalid');
        },
      ),
    );
  });

  it('daysInMonth', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((m) => daysInMonth(2023, m))).toEqual([
      31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31,
    ]);
    expect([2024, 2000, 1900, 2100].map((y) => daysInMonth(y, 2))).toEqual([29, 29, 28, 28]);
  });
});

describe('date intervals (DateSpec)', () => {
  /** The diagnostic codes the loader would report for a date value. */
  const codes = (v: unknown): string[] => {
    const r = DateSpec.safeParse(v);
    return r.success ? [] : schemaProblems(DateSpec, v, r.error.issues).map((p) => p.code);
  };

  it('an interval that ends before it starts is refused', () => {
    expect(codes({ start: '2027', end: '2026-12' })).toEqual(['date-order']);
    expect(codes({ start: '2026-03-02', end: '2026-03-01' })).toEqual(['date-order']);
    expect(codes({ start: '2026', end: '2026' })).toEqual([]);
    expect(codes({ start: '2025', end: '2026-01' })).toEqual([]);
    expect(codes({ start: '2025' })).toEqual([]);
    expect(codes({ end: '2025', part: 'end', modality: 'target' })).toEqual([]);
    expect(codes('2025-02-29')).toEqual(['date-invalid']);
    expect(codes('26-12')).toEqual(['date-format']);
    expect(codes({ on: '2025-02-29' })).toEqual(['date-invalid']);
  });

  // Intervals compare the first day of the start with the last day of the end, so prefixes of
  // different precision order correctly.
  it('an interval whose end has a coarser precision than its start is accepted ("2025-06" to "2025")', () => {
    expect(codes({ start: '2025-06', end: '2025' })).toEqual([]);
  });
  it('an interval inside one month is accepted ("2025-06-15" to "2025-06")', () => {
    expect(codes({ start: '2025-06-15', end: '2025-06' })).toEqual([]);
  });
});

describe('checkHedge', () => {
  const otherBounds = (ok: readonly Bound[]) =>
    BOUNDS.filter((b) => b !== 'range' && !ok.includes(b));

  it.each([
    ['holds more than 250,000 tons of copper', 250000, 'more than', ['more-than', 'at-least']],
    ['potential to yield up to 1 million tons of ore', 1, 'up to', ['up-to', 'at-most']],
    ['reserves of approximately 800,000 tonnes', 800000, 'approximately', ['approx']],
    ['at least 12 deposits', 12, 'at least', ['at-least', 'more-than']],
    ['less than 5% of output', 5, 'less than', ['less-than', 'up-to', 'at-most']],
    ['an estimated 3.5 million tonnes', 3.5, 'an estimated', ['approx']],
    ['~40 km2', 40, '~', ['approx']],
    ['in excess of US$2 billion', 2, 'in excess of', ['more-than', 'at-least']],
    ['invest approximately $800 million', 800, 'approximately', ['approx']],
    ['worth more than USD 5 billion', 5, 'more than', ['more-than', 'at-least']],
    // a space between the currency sign and the number
    ['worth more than $ 5 billion', 5, 'more than', ['more-than', 'at-least']],
    ['worth about € 40 million', 40, 'about', ['approx']],
    ['More Than 250,000 tons', 250000, 'more than', ['more-than', 'at-least']],
    // the longer hedge wins over the one it ends with
    ['no less than 5 tons', 5, 'no less than', ['at-least', 'more-than']],
    ['not less than 5 tons', 5, 'not less than', ['at-least', 'more-than']],
    ['no more than 5 tons', 5, 'no more than', ['up-to', 'at-most']],
    ['not more than 5 tons', 5, 'not more than', ['up-to', 'at-most']],
  ] as const)('%j with value %d', (quote, value, hedge, ok) => {
    for (const b of ok) expect(checkHedge(quote, value, b), b).toBeNull();
    for (const b of otherBounds(ok))
      expect(checkHedge(quote, value, b), b).toEqual({ hedge, expected: ok });
    expect(checkHedge(quote, value, 'range')).toBeNull();
  });

  it('a number without a hedge word fits every bound', () => {
    for (const b of BOUNDS) {
      expect(checkHedge('holds 250,000 tons of copper', 250000, b)).toBeNull();
      expect(checkHedge('the company employs 450 people', 450, b)).toBeNull();
    }
  });

  it('finds nothing when the value is not written in the quote', () => {
    expect(checkHedge('more than 250,000 tons', 25, 'exact')).toBeNull();
    expect(checkHedge('more than 250,000 tons', 250, 'exact')).toBeNull();
    expect(checkHedge('more than a million tons', 1, 'exact')).toBeNull();
  });

  it('needs the hedge right before the number, as a word of its own', () => {
    expect(checkHedge('more than 20 sites hold 5,000 tons', 5000, 'exact')).toBeNull();
    expect(checkHedge('a turnover 5 times larger', 5, 'exact')).toBeNull();
    expect(checkHedge('moreover 5 sites', 5, 'exact')).toBeNull();
    expect(checkHedge('they understand 5 of them', 5, 'exact')).toBeNull();
    expect(checkHedge('over 5 sites', 5, 'exact')).toEqual({
      hedge: 'over',
      expected: ['more-than', 'at-least'],
    });
  });

  it('is fine when any place that writes the number fits the bound', () => {
    expect(checkHedge('about 5 tons now, 5 tons next year', 5, 'exact')).toBeNull();
    expect(checkHedge('about 5 tons now, more than 5 tons next year', 5, 'exact')).toEqual({
      hedge: 'about',
      expected: ['approx'],
    });
    expect(checkHedge('about 5 tons now, more than 5 tons next year', 5, 'approx')).toBeNull();
  });
});

describe('normalizeText', () => {
  it.each([
    ['\u201cworld\u2011class\u201d', '"world-class"'],
    ['\u2018the country\u2019s best\u2019', "'the country's best'"],
    ['\u201equoted\u201f \u00abguillemets\u00bb', '"quoted" "guillemets"'],
    ['2020\u20132025 \u2014 a \u2212 b \u2010 c', '2020-2025 - a - b - c'],
    ['tonnes\u2026', 'tonnes...'],
    ['5\u2032 and 6\u2033', '5\' and 6"'],
    ['`x\u00b4', "'x'"],
    ['a\u00a0b\u2009c\u202fd\u3000e\u205ff', 'a b c d e f'],
    ['  would \n\t  reach\r\n5,000  ', 'would reach 5,000'],
    ['cafe\u0301', 'caf\u00e9'], // NFC
    ['', ''],
  ])('%j -> %j', (input, expected) => {
    expect(normalizeText(input)).toBe(expected);
  });

  it('takes the short way on plain ASCII only where the long way gives the same', () => {
    const long = (s: string) =>
      s
        .normalize('NFC')
        .replace(/[\u2018\u2019\u201a\u201b\u2032\u0060\u00b4]/g, "'")
        .replace(/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, '"')
        .replace(/[\u2010\u2011\u2012\u2013\u2014\u2015\u2212]/g, '-')
        .replace(/\u2026/g, '...')
        .replace(/[\s\u00a0\u2000-\u200a\u202f\u205f\u3000]+/g, ' ')
        .trim();
    const unit = fc.constantFrom('a', 'Z', '~', '.', ' ', '  ', '`', '\t', '\n', '\x7f', '\u00a0');
    fc.assert(
      fc.property(
        fc.string({ unit: fc.oneof(unit, fc.constantFrom('e\u0301', '\u2019')) }),
        (s) => {
          expect(normalizeText(s)).toBe(long(s));
        },
      ),
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const once = normalizeText(s);
        expect(normalizeText(once)).toBe(once);
      }),
    );
  });
});

describe('nearestText', () => {
  const source = normalizeText(
    'Initial estimates suggest the Karabas site holds more than 250,000 tons of copper, with the potential to yield up to 1 million tons of ore.',
  );

  it('shows the text where the longest matching prefix of the quote continues, as long as the quote', () => {
    const quote = 'holds more than 250,000 tonnes of copper';
    // "tons" is two characters shorter than "tonnes": the excerpt runs on into the next words
    expect(nearestText(quote, source)).toBe('holds more than 250,000 tons of copper, ');
    expect(nearestText(quote, source)!.length).toBe(quote.length);
  });

  it('is null when fewer than 8 characters match', () => {
    expect(nearestText('nothing like this is in the text', source)).toBeNull();
    expect(nearestText('Initia_ estimates', source)).toBeNull();
    expect(nearestText('Initial_estimates', source)).toBeNull();
    expect(nearestText('Initial _stimates', source)).toBe('Initial estimates');
  });

  it('cuts the excerpt at 80 characters and marks it', () => {
    const quote = `${source.slice(0, 100)} and more`;
    expect(nearestText(quote, source)).toBe(`${source.slice(0, 80)}...`);
  });

  it('marks an excerpt that the end of the source cut short', () => {
    expect(nearestText('up to 1 million tons of ore, and more', source)).toBe(
      'up to 1 million tons of ore....',
    );
  });
});

describe('closest and distance', () => {
  const statuses = [
    'occurrence',
    'prospect',
    'exploration',
    'development',
    'producing',
    'past-producer',
    'closed',
    'unknown',
  ];
  const keys = [
    'kind',
    'id',
    'name',
    'aliases',
    'description',
    'citations',
    'claims',
    'country',
    'region',
    'place',
    'commodities',
    'status',
    'operator',
    'owners',
  ];

  it('distance is the edit distance, with a neighbouring swap as one edit', () => {
    expect(distance('kitten', 'sitting')).toBe(3);
    expect(distance('', 'abc')).toBe(3);
    expect(distance('abc', '')).toBe(3);
    expect(distance('same', 'same')).toBe(0);
    expect(distance('ab', 'ba')).toBe(1);
    expect(distance('abc', 'ca')).toBe(3);
  });

  it('suggests near misses', () => {
    expect(closest('exploraton', statuses)).toEqual(['exploration']);
    expect(closest('opertor', keys)).toEqual(['operator']);
    expect(closest('comodities', keys)).toEqual(['commodities']);
    expect(closest('kazakstan', ['kazakhstan', 'copper', 'report'])).toEqual(['kazakhstan']);
  });

  it('suggests prefixes, either way round', () => {
    expect(closest('kaz', ['kazakhstan', 'kyrgyzstan'])).toEqual(['kazakhstan']);
    expect(closest('tons', ['t', 'kt', 'Mt', 't/yr'])).toEqual(['t']);
  });

  it('ignores case but returns the candidate as spelt', () => {
    expect(closest('Copper', ['copper'])).toEqual(['copper']);
    expect(closest('mt', ['t', 'kt', 'Mt', 't/yr', 'Mt/yr'])[0]).toBe('Mt');
  });

  it('suggests nothing for a far-off or empty word', () => {
    expect(closest('colour', keys)).toEqual([]);
    expect(closest('', statuses)).toEqual([]);
    expect(closest('   ', statuses)).toEqual([]);
  });

  it('returns at most `max` distinct candidates, best first', () => {
    expect(closest('ab', ['ac', 'ad', 'ae', 'af', 'ac'])).toEqual(['ac', 'ad', 'ae']);
    expect(closest('ab', ['ac', 'ad', 'ab'], 2)).toEqual(['ab', 'ac']);
    fc.assert(
      fc.property(
        fc.string(),
        fc.array(fc.string()),
        fc.integer({ min: 0, max: 5 }),
        (w, cands, max) => {
          const got = closest(w, cands, max);
          expect(got.length).toBeLessThanOrEqual(max);
          expect(new Set(got).size).toBe(got.length);
          for (const g of got) expect(cands).toContain(g);
        },
      ),
    );
  });
});

describe('sanitize, hasUnsafe, safeJson', () => {
  it.each([
    ['\x1b[31mred\x1b[0m', '^[[31mred^[[0m'],
    ['a\nb\r\tc', 'a^Jb^M^Ic'],
    ['\x00\x7f', '^@^?'],
    ['\u0085\u009b', '\\u{85}\\u{9B}'],
    ['abc\u202edcba', 'abc\\u{202E}dcba'],
    ['\u2066x\u2069', '\\u{2066}x\\u{2069}'],
    ['zero\u200bwidth\u2060joiner\ufeff', 'zero\\u{200B}width\\u{2060}joiner\\u{FEFF}'],
    ['line\u2028para\u2029', 'line\\u{2028}para\\u{2029}'],
    ['\u061c', '\\u{61C}'],
  ])('sanitize(%j) = %j', (input, expected) => {
    expect(sanitize(input)).toBe(expected);
    expect(hasUnsafe(input)).toBe(true);
    expect(hasUnsafe(sanitize(input))).toBe(false);
  });

  it('leaves ordinary text, other scripts, emoji and typography alone', () => {
    const text = 'Қарағанды облысы — “café” 🦀 250,000 t … 中文 العربية';
    expect(sanitize(text)).toBe(text);
    expect(hasUnsafe(text)).toBe(false);
  });

  it('keeps newlines only when asked', () => {
    expect(sanitize('a\nb\x1b', true)).toBe('a\nb^[');
    expect(sanitize('a\nb', false)).toBe('a^Jb');
  });

  it('hasUnsafe answers the same on repeated calls (no regex state leaks)', () => {
    for (let i = 0; i < 3; i++) {
      expect(hasUnsafe('x\x1b')).toBe(true);
      expect(hasUnsafe('plain')).toBe(false);
    }
  });

  it('sanitize output never holds a control, bidi or invisible character', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(hasUnsafe(sanitize(s))).toBe(false);
      }),
    );
  });

  it('safeJson escapes what JSON.stringify leaves raw, and is still the same JSON value', () => {
    expect(safeJson('\u202e')).toBe('"\\u202e"');
    expect(safeJson('a\u2028b\u2029')).toBe('"a\\u2028b\\u2029"');
    expect(safeJson('\x7f\u0085\u200b\ufeff')).toBe('"\\u007f\\u0085\\u200b\\ufeff"');
    expect(safeJson('\x1b[2J')).toBe('"\\u001b[2J"');
    expect(safeJson({ 'k\u202e': ['🦀', 'é'] })).toBe('{"k\\u202e":["🦀","é"]}');
    expect(safeJson({ a: 1, b: [true, null] }, 2)).toBe(
      '{\n  "a": 1,\n  "b": [\n    true,\n    null\n  ]\n}',
    );
    fc.assert(
      fc.property(fc.jsonValue({ depthSize: 'small' }), (v) => {
        const text = safeJson(v);
        expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(v)));
        expect(hasUnsafe(text)).toBe(false);
      }),
    );
  });

  it('safeJson of a value JSON cannot hold gives null rather than throwing', () => {
    expect(safeJson(undefined)).toBe('null');
    expect(safeJson(() => 1)).toBe('null');
    expect(safeJson([undefined])).toBe('[null]');
  });
});

describe('formatDiagnostic', () => {
  it('head, excerpt line and a caret under the column', () => {
    const d = makeDiagnostic(
      'unknown-ref',
      'data/deposits.yaml',
      17,
      12,
      { id: 'kazakstan', suggestions: ['kazakhstan'] },
      '  country: kazakstan',
    );
    expect(formatDiagnostic(d)).toBe(
      [
        'data/deposits.yaml:17:12: error unknown-ref: no record has id "kazakstan" (did you mean "kazakhstan"?)',
        '   17 |   country: kazakstan',
        '      |            ^',
      ].join('\n'),
    );
  });

  it('only the head when there is no excerpt; warnings say so', () => {
    expect(formatDiagnostic(makeDiagnostic('empty-file', 'empty.yaml', 1, 1))).toBe(
      'empty.yaml:1:1: warning empty-file: file holds no records',
    );
    expect(formatDiagnostic(makeDiagnostic('file-vanished', 'gone.yaml', 1, 1))).toBe(
      'gone.yaml:1:1: error file-vanished: file disappeared while it was being read',
    );
  });

  it('paints "severity code" only', () => {
    const d = makeDiagnostic('bad-id', 'a.yaml', 2, 7, { value: 'Bad_Id' });
    const calls: string[] = [];
    const out = formatDiagnostic(d, (s, sev) => {
      calls.push(`${sev}|${s}`);
      return `<${s}>`;
    });
    expect(calls).toEqual(['error|error bad-id']);
    expect(out).toBe(
      'a.yaml:2:7: <error bad-id>: "Bad_Id" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "erg-mitsubishi")',
    );
  });

  it('sanitises file, message and excerpt, and keeps the caret under the column', () => {
    // a tab before the column is shown as ^I, two characters wide: the caret moves with it
    const tab = makeDiagnostic('bad-id', 'a.yaml', 3, 12, { value: 'X' }, '\tid:  \x1b[31mX');
    expect(formatDiagnostic(tab).split('\n')).toEqual([
      'a.yaml:3:12: error bad-id: "X" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "erg-mitsubishi")',
      '    3 | ^Iid:  ^[[31mX',
      `      | ${' '.repeat('^Iid:  ^[[31m'.length)}^`,
    ]);
    const bidi = makeDiagnostic(
      'unknown-ref',
      'evil\u202e.yaml',
      1,
      9,
      { id: 'a\u202eb', suggestions: [] },
      '- ref: "a\u202eb"',
    );
    expect(formatDiagnostic(bidi).split('\n')).toEqual([
      'evil\\u{202E}.yaml:1:9: error unknown-ref: no record has id "a\\u{202E}b"',
      '    1 | - ref: "a\\u{202E}b"',
      `      | ${' '.repeat(8)}^`,
    ]);
    for (const line of formatDiagnostic(bidi).split('\n')) expect(hasUnsafe(line)).toBe(false);
  });

  it('counts columns in characters: an emoji before the column is one', () => {
    // n a m e : _ 🦀 _ — _ x: the x is the 11th character, though the 12th UTF-16 unit
    const d = makeDiagnostic('bad-id', 'a.yaml', 1, 11, { value: 'x' }, 'name: 🦀 — x');
    expect(formatDiagnostic(d).split('\n').slice(1)).toEqual([
      '    1 | name: 🦀 — x',
      `      | ${' '.repeat(10)}^`,
    ]);
  });

  it('widens nothing for long line numbers: the gutter grows', () => {
    const d = makeDiagnostic('bad-id', 'a.yaml', 123456, 1, { value: 'x' }, 'x');
    expect(formatDiagnostic(d).split('\n').slice(1)).toEqual(['123456 | x', '       | ^']);
  });

  it('messages for unknown codes keep their detail', () => {
    expect(
      message({ code: 'yaml-duplicate-key', args: { detail: 'Map keys must be unique' } }),
    ).toBe('YAML: Map keys must be unique');
    expect(message({ code: 'something-new', args: { detail: 'why' } })).toBe('something-new: why');
    expect(message({ code: 'something-new', args: {} })).toBe('something-new');
  });
});

describe('suggestions and excerpts, follow-ups', () => {
  it('a swap of two letters is one edit, so "nmae" suggests "name"', () => {
    expect(distance('nmae', 'name')).toBe(1);
    expect(closest('nmae', ['name', 'kind', 'id'])).toEqual(['name']);
  });

  it('a bounded distance is the distance when within the bound, else bound + 1 (fast-check)', () => {
    // the full table, as distance was before it took a bound: the reference
    const full = (a: string, b: string): number => {
      const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
        Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
      );
      for (let i = 1; i <= a.length; i++)
        for (let j = 1; j <= b.length; j++) {
          d[i]![j] = Math.min(
            d[i - 1]![j]! + 1,
            d[i]![j - 1]! + 1,
            d[i - 1]![j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1),
          );
          if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
            d[i]![j] = Math.min(d[i]![j]!, d[i - 2]![j - 2]! + 1);
        }
      return d[a.length]![b.length]!;
    };
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 12 });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 8 }), (a, b, bound) => {
        const exact = full(a, b);
        expect(distance(a, b)).toBe(exact);
        expect(distance(a, b, bound)).toBe(exact <= bound ? exact : bound + 1);
      }),
      { numRuns: 3000 },
    );
  });

  it('a very long name gets no suggestions, and costs no table of its length squared', () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `record-${i}`);
    expect(closest('x'.repeat(MAX_SUGGESTED + 1), ids)).toEqual([]);
    expect(closest('record-1x', ids)).toEqual(['record-1', 'record-10', 'record-11']);
    // the bound stops a comparison within a few rows, however long the two words
    expect(distance('a'.repeat(100_000), 'b'.repeat(100_000), 2)).toBe(3);
  });

  it('an excerpt of a long line is a window around the column, with the caret under it', () => {
    const line = `${'a'.repeat(500)}X${'b'.repeat(500)}`;
    const out = formatDiagnostic(
      makeDiagnostic('yaml-alias', 'f.yaml', 1, 501, { alias: '*x' }, line),
    );
    const [, text, caret] = out.split('\n');
    expect(text).toBe(`    1 | …${'a'.repeat(60)}X${'b'.repeat(60)}…`);
    expect(caret!.indexOf('^')).toBe(text!.indexOf('X'));
  });
});
