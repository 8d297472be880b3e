// One fixture per validation rule (test/fixtures/rule-*/), each asserting the exact codes and
// positions it raises; a few also pin the full message text. Then the CLI contract of `validate`.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { compareDiagnostics, formatDiagnostic, type Diagnostic } from '../src/diagnostics.js';
import { BOUNDS, DEPOSIT_STATUSES, KINDS, UNIT_NAMES, VALUE_KEYS } from '../src/schema/index.js';
import { BIN, FIXTURES, ROOT, fixtureDiagnostics, run, tempDir, validateDir } from './helpers.js';

const diagnosticsOf = (name: string): Diagnostic[] =>
  validateDir(path.join(FIXTURES, name)).diagnostics;
/** Each diagnostic as the user sees it: head line, excerpt and caret. */
const formatted = (name: string): string[] => diagnosticsOf(name).map((d) => formatDiagnostic(d));
/** Only the `file:line:col: severity code: message` line of each diagnostic. */
const heads = (name: string): string[] => formatted(name).map((s) => s.split('\n')[0]!);
/** A vocabulary of src as the messages list it: `"a", "b", "c"`. */
const quoted = (words: readonly string[]) => words.map((w) => `"${w}"`).join(', ');
const STATUSES = quoted(DEPOSIT_STATUSES);
const UNITS = quoted(UNIT_NAMES);
const KIND_LIST = quoted(KINDS);
const VALUES = quoted(VALUE_KEYS);

describe('schema rules', () => {
  it('unknown-key: points at the key, names the record kind, suggests the closest known key', () => {
    expect(fixtureDiagnostics('rule-unknown-key')).toEqual([
      'base.yaml:23:3 unknown-key',
      'base.yaml:24:3 unknown-key',
      'base.yaml:27:7 unknown-key',
    ]);
    expect(formatted('rule-unknown-key')).toEqual([
      [
        'base.yaml:23:3: error unknown-key: unknown key "opertor" in deposit (did you mean "operator"?)',
        '   23 |   opertor: acme',
        '      |   ^',
      ].join('\n'),
      [
        // nothing is close to "colour": no suggestion rather than a wild guess
        'base.yaml:24:3: error unknown-key: unknown key "colour" in deposit',
        '   24 |   colour: red',
        '      |   ^',
      ].join('\n'),
      [
        // inside a claim the message does not name a record kind
        'base.yaml:27:7: error unknown-key: unknown key "comodity" (did you mean "commodity"?)',
        '   27 |       comodity: copper',
        '      |       ^',
      ].join('\n'),
    ]);
  });

  it('missing-key: at the mapping that lacks the key, naming the kind for top-level keys', () => {
    expect(fixtureDiagnostics('rule-missing-key')).toEqual([
      'base.yaml:14:3 missing-key',
      'base.yaml:17:3 missing-key',
      'base.yaml:22:7 missing-key',
    ]);
    expect(heads('rule-missing-key')).toEqual([
      'base.yaml:14:3: error missing-key: missing required key "type" in organization',
      'base.yaml:17:3: error missing-key: missing required key "status" in deposit',
      'base.yaml:22:7: error missing-key: missing required key "quote"',
    ]);
  });

  it('wrong-type: says what was expected and what was found', () => {
    expect(fixtureDiagnostics('rule-wrong-type')).toEqual([
      'base.yaml:16:9 wrong-type',
      'base.yaml:17:16 wrong-type',
      'base.yaml:21:25 wrong-type',
    ]);
    expect(heads('rule-wrong-type')).toEqual([
      'base.yaml:16:9: error wrong-type: expected text, found number 42',
      'base.yaml:17:16: error wrong-type: expected a list, found string "copper"',
      'base.yaml:21:25: error wrong-type: expected a number, found string "250,000"',
    ]);
  });

  it('bad-enum: lists the options and suggests the closest (none for an empty value)', () => {
    expect(fixtureDiagnostics('rule-bad-enum')).toEqual([
      'base.yaml:18:11 bad-enum',
      'base.yaml:21:39 bad-enum',
      'base.yaml:29:11 bad-enum',
    ]);
    expect(heads('rule-bad-enum')).toEqual([
      `base.yaml:18:11: error bad-enum: "exploraton" is not one of ${STATUSES} (did you mean "exploration"?)`,
      `base.yaml:21:39: error bad-enum: "tons" is not one of ${UNITS} (did you mean "t"?)`,
      `base.yaml:29:11: error bad-enum: "" is not one of ${STATUSES}`,
    ]);
  });

  it('unknown-kind: one diagnostic for the kind; none for its keys, nor for a reference to it (no cascade)', () => {
    expect(fixtureDiagnostics('rule-unknown-kind')).toEqual(['base.yaml:15:9 unknown-kind']);
    expect(heads('rule-unknown-kind')).toEqual([
      `base.yaml:15:9: error unknown-kind: unknown kind "deposti"; expected one of ${KIND_LIST} (did you mean "deposit"?)`,
    ]);
  });

  it('bad-id: in an id and in a reference', () => {
    expect(fixtureDiagnostics('rule-bad-id')).toEqual([
      'base.yaml:14:7 bad-id',
      'base.yaml:17:12 bad-id',
    ]);
    expect(heads('rule-bad-id')).toEqual([
      'base.yaml:14:7: error bad-id: "Karabas_1" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "erg-mitsubishi")',
      'base.yaml:17:12: error bad-id: "Kazakhstan" is not a valid id: use lower-case letters, digits and single hyphens (e.g. "erg-mitsubishi")',
    ]);
  });

  it('claim-value-count: a claim with no value and one with two', () => {
    expect(fixtureDiagnostics('rule-claim-value-count')).toEqual([
      'base.yaml:20:7 claim-value-count',
      'base.yaml:24:7 claim-value-count',
    ]);
    expect(heads('rule-claim-value-count')).toEqual([
      `base.yaml:20:7: error claim-value-count: a claim has exactly one of ${VALUES}`,
      `base.yaml:24:7: error claim-value-count: a claim has exactly one of ${VALUES} (found "quantity", "text")`,
    ]);
  });

  it('claim-without-citation: an empty list; an omitted list is a missing key', () => {
    expect(fixtureDiagnostics('rule-claim-without-citation')).toEqual([
      'base.yaml:22:18 claim-without-citation',
      'base.yaml:23:7 missing-key',
    ]);
    expect(heads('rule-claim-without-citation')).toEqual([
      'base.yaml:22:18: error claim-without-citation: a claim needs at least one citation',
      'base.yaml:23:7: error missing-key: missing required key "citations"',
    ]);
  });

  describe('quantities', () => {
    it.each([
      [
        'rule-range-needs-low-high',
        'base.yaml:21:17 range-needs-low-high',
        'bound "range" needs both "low" and "high"',
      ],
      ['rule-range-order', 'base.yaml:21:32 range-order', 'range low (5) is above high (1)'],
      [
        'rule-range-with-value',
        'base.yaml:21:25 range-with-value',
        'bound "range" takes "low" and "high", not "value"',
      ],
      [
        'rule-low-high-without-range',
        'base.yaml:21:34 low-high-without-range',
        '"low" and "high" go with bound "range"',
      ],
      [
        'rule-quantity-needs-value',
        'base.yaml:21:17 quantity-needs-value',
        'quantity needs a "value"',
      ],
    ])('%s', (fixture, expected, text) => {
      expect(fixtureDiagnostics(fixture)).toEqual([expected]);
      const [where, code] = expected.split(' ');
      expect(heads(fixture)).toEqual([`${where}: error ${code}: ${text}`]);
    });

    it('range-order points at "high"; low-high-without-range at the stray key', () => {
      expect(formatted('rule-range-order')).toEqual([
        [
          'base.yaml:21:32: error range-order: range low (5) is above high (1)',
          '   21 |       quantity: {low: 5, high: 1, scale: million, unit: t, bound: range}',
          '      |                                ^',
        ].join('\n'),
      ]);
      expect(formatted('rule-low-high-without-range')[0]!.split('\n').slice(1)).toEqual([
        '   21 |       quantity: {value: 1, high: 2, scale: million, unit: t, bound: up-to}',
        '      |                                  ^',
      ]);
    });
  });

  describe('dates', () => {
    it('date-format: "26-12" is not an ISO prefix', () => {
      expect(fixtureDiagnostics('rule-date-format')).toEqual(['base.yaml:19:14 date-format']);
      expect(formatted('rule-date-format')).toEqual([
        [
          'base.yaml:19:14: error date-format: "26-12" is not an ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD)',
          '   19 |   published: "26-12"',
          '      |              ^',
        ].join('\n'),
      ]);
    });

    it('date-invalid: 2025-02-29, 2024-13 and 2023-04-31, in a bare date and a date object; 2024-02-29 is fine', () => {
      expect(fixtureDiagnostics('rule-date-invalid')).toEqual([
        'base.yaml:19:14 date-invalid',
        // line 25, published: "2024-02-29", a leap day, has no diagnostic
        'base.yaml:33:13 date-invalid',
        'base.yaml:34:18 date-invalid',
      ]);
      expect(heads('rule-date-invalid')).toEqual([
        'base.yaml:19:14: error date-invalid: "2025-02-29" is not a real calendar date',
        'base.yaml:33:13: error date-invalid: "2024-13" is not a real calendar date',
        'base.yaml:34:18: error date-invalid: "2023-04-31" is not a real calendar date',
      ]);
      const text = fs
        .readFileSync(path.join(FIXTURES, 'rule-date-invalid', 'base.yaml'), 'utf8')
        .split('\n');
      expect(text[24]).toBe('  published: "2024-02-29"');
    });

    it.each([
      [
        'rule-date-empty',
        'base.yaml:22:13 date-empty',
        'a date needs "on", or "start" and/or "end"',
      ],
      [
        'rule-date-on-and-interval',
        'base.yaml:22:13 date-on-and-interval',
        'a date has either "on" or an interval ("start"/"end"), not both',
      ],
      [
        'rule-date-order',
        'base.yaml:22:34 date-order',
        'interval ends (2026-12) before it starts (2027)',
      ],
      [
        'rule-inferred-without-reason',
        'base.yaml:22:36 inferred-without-reason',
        'an inferred date needs a "reason"',
      ],
    ])('%s', (fixture, expected, text) => {
      expect(fixtureDiagnostics(fixture)).toEqual([expected]);
      const [where, code] = expected.split(' ');
      expect(heads(fixture)).toEqual([`${where}: error ${code}: ${text}`]);
    });

    it('date-order points at "end", inferred-without-reason at "inferred"', () => {
      expect(formatted('rule-date-order')[0]!.split('\n').slice(1)).toEqual([
        '   22 |       when: {start: "2027", end: "2026-12"}',
        '      |                                  ^',
      ]);
      expect(formatted('rule-inferred-without-reason')[0]!.split('\n').slice(1)).toEqual([
        '   22 |       when: {on: "2025", inferred: true}',
        '      |                                    ^',
      ]);
    });
  });

  it('deprecated-without-reason: at "rank"', () => {
    expect(fixtureDiagnostics('rule-deprecated-without-reason')).toEqual([
      'base.yaml:23:13 deprecated-without-reason',
    ]);
    expect(heads('rule-deprecated-without-reason')).toEqual([
      'base.yaml:23:13: error deprecated-without-reason: a deprecated claim needs a "rank_reason"',
    ]);
  });

  it('bad-url: an ftp URL and a bare host', () => {
    expect(fixtureDiagnostics('rule-bad-url')).toEqual([
      'base.yaml:18:8 bad-url',
      'base.yaml:24:8 bad-url',
    ]);
    expect(heads('rule-bad-url')).toEqual([
      'base.yaml:18:8: error bad-url: "ftp://example.com/report.txt" is not an http or https URL',
      'base.yaml:24:8: error bad-url: "example.com/report" is not an http or https URL',
    ]);
  });

  it('bad-seed-file: a path out of the seeds directory is refused and never read', () => {
    expect(fixtureDiagnostics('rule-bad-seed-file')).toEqual(['base.yaml:18:9 bad-seed-file']);
    expect(heads('rule-bad-seed-file')).toEqual([
      'base.yaml:18:9: error bad-seed-file: "../etc/passwd" is not a plain file name inside the seeds directory',
    ]);
    const { base } = validateDir(path.join(FIXTURES, 'rule-bad-seed-file'));
    expect([...base.texts.keys()]).toEqual(['report']);
  });
});

describe('whole-base rules', () => {
  it('duplicate-id: across two files, at the second, naming the first place', () => {
    expect(fixtureDiagnostics('rule-duplicate-id')).toEqual(['b.yaml:6:7 duplicate-id']);
    expect(formatted('rule-duplicate-id')).toEqual([
      [
        'b.yaml:6:7: error duplicate-id: duplicate id "copper"; first defined at a.yaml:10:7',
        '    6 | - id: copper',
        '      |       ^',
      ].join('\n'),
    ]);
  });

  it('unknown-ref: with "did you mean" when an id is close, in fields, lists and citations', () => {
    expect(fixtureDiagnostics('rule-unknown-ref')).toEqual([
      'base.yaml:17:12 unknown-ref',
      'base.yaml:18:25 unknown-ref',
      'base.yaml:25:19 unknown-ref',
    ]);
    expect(formatted('rule-unknown-ref')).toEqual([
      [
        'base.yaml:17:12: error unknown-ref: no record has id "kazakstan" (did you mean "kazakhstan"?)',
        '   17 |   country: kazakstan',
        '      |            ^',
      ].join('\n'),
      [
        'base.yaml:18:25: error unknown-ref: no record has id "zinc"',
        '   18 |   commodities: [copper, zinc]',
        '      |                         ^',
      ].join('\n'),
      [
        'base.yaml:25:19: error unknown-ref: no record has id "reprot" (did you mean "report"?)',
        '   25 |         - source: reprot',
        '      |                   ^',
      ].join('\n'),
    ]);
  });

  it('link fields: a deal names projects, a policy the policy it is part of; each is checked for its kind', () => {
    expect(heads('rule-link-fields')).toEqual([
      'base.yaml:20:21: error ref-kind: "acme" is an organization, but projects must refer to a project',
      'base.yaml:20:27: error unknown-ref: no record has id "omega"',
      'base.yaml:31:12: error ref-kind: "alpha" is a project, but part_of must refer to a policy',
    ]);
  });

  it('ref-kind: a country as operator, a country as commodity, a commodity as citation source', () => {
    expect(fixtureDiagnostics('rule-ref-kind')).toEqual([
      'base.yaml:20:13 ref-kind',
      'base.yaml:23:18 ref-kind',
      'base.yaml:26:19 ref-kind',
    ]);
    expect(heads('rule-ref-kind')).toEqual([
      'base.yaml:20:13: error ref-kind: "kazakhstan" is a country, but operator must refer to an organization',
      'base.yaml:23:18: error ref-kind: "kazakhstan" is a country, but commodity must refer to a commodity',
      'base.yaml:26:19: error ref-kind: "copper" is a commodity, but citation source must refer to a source',
    ]);
  });

  it('parent-cycle: one error per cycle (two regions, a region its own parent, three organizations across files, a policy part of itself), at its first record, naming every link', () => {
    // ridder's parent is in a cycle but ridder is not; karaganda's parent is a country, where the
    // chain ends; acme-east's parent is in the cycle of three: none of them is reported
    expect(fixtureDiagnostics('rule-parent-cycle')).toEqual([
      'holdings.yaml:5:11 parent-cycle',
      'places.yaml:8:11 parent-cycle',
      'places.yaml:23:11 parent-cycle',
      'policies.yaml:6:12 parent-cycle',
    ]);
    expect(formatted('rule-parent-cycle')).toEqual([
      [
        // holdings.yaml comes first in base order: the cycle is reported at its record
        'holdings.yaml:5:11: error parent-cycle: the parent chain of organization "acme-group" comes back to it: acme-group (holdings.yaml:5:11) -> acme (organizations.yaml:5:11) -> acme-holding (organizations.yaml:10:11) -> acme-group',
        '    5 |   parent: acme',
        '      |           ^',
      ].join('\n'),
      [
        'places.yaml:8:11: error parent-cycle: the parent chain of region "kz-east" comes back to it: kz-east (places.yaml:8:11) -> kz-north (places.yaml:13:11) -> kz-east',
        '    8 |   parent: kz-north',
        '      |           ^',
      ].join('\n'),
      [
        'places.yaml:23:11: error parent-cycle: the parent chain of region "altai" comes back to it: altai (places.yaml:23:11) -> altai',
        '   23 |   parent: altai',
        '      |           ^',
      ].join('\n'),
      [
        'policies.yaml:6:12: error parent-cycle: the part_of chain of policy "export-rules" comes back to it: export-rules (policies.yaml:6:12) -> export-rules',
        '    6 |   part_of: export-rules',
        '      |            ^',
      ].join('\n'),
    ]);
  });

  it('group-cycle: at the link that closes a shortest cycle through the first commodity of a knot, naming the others caught in it', () => {
    // cerium is in a group in a cycle, not in one; rare-earths is also in metals, a cycle of its own
    expect(heads('rule-group-cycle')).toEqual([
      'base.yaml:12:20: error group-cycle: commodity "rare-earths" is a member of itself through its groups: rare-earths (base.yaml:12:20) -> light-rare-earths (base.yaml:16:12) -> rare-earths',
      'base.yaml:25:12: error group-cycle: commodity "metals" is a member of itself through its groups: metals (base.yaml:25:12) -> metals',
      // battery-metals is in two cycles (with critical-metals, with strategic-metals): one error
      'base.yaml:29:12: error group-cycle: commodity "battery-metals" is a member of itself through its groups: battery-metals (base.yaml:29:12) -> critical-metals (base.yaml:33:12) -> battery-metals; also caught in cycles with it: strategic-metals',
    ]);
    expect(diagnosticsOf('rule-group-cycle')[2]!.args).toEqual({
      kind: 'commodity',
      id: 'battery-metals',
      field: 'groups',
      chain: [
        { id: 'battery-metals', at: 'base.yaml:29:12' },
        { id: 'critical-metals', at: 'base.yaml:33:12' },
      ],
      others: ['strategic-metals'],
    });
  });

  it('quote-not-found: with the nearest text when a prefix matches, without when nothing does; a blank quote is empty', () => {
    expect(fixtureDiagnostics('rule-quote-not-found')).toEqual([
      'base.yaml:25:18 quote-not-found',
      'base.yaml:30:18 quote-not-found',
      // white space only: it would "occur" in any text, so it verifies nothing
      'base.yaml:35:18 empty-text',
    ]);
    expect(formatted('rule-quote-not-found')).toEqual([
      [
        'base.yaml:25:18: error quote-not-found: quote does not occur in the text of source "report" (report.txt); nearest text: "holds more than 250,000 tons of copper, "',
        '   25 |           quote: holds more than 250,000 tonnes of copper',
        '      |                  ^',
      ].join('\n'),
      [
        'base.yaml:30:18: error quote-not-found: quote does not occur in the text of source "report" (report.txt)',
        '   30 |           quote: nothing like this is in the text',
        '      |                  ^',
      ].join('\n'),
      [
        'base.yaml:35:18: error empty-text: text must not be empty',
        '   35 |           quote: "  \\u00a0 "',
        '      |                  ^',
      ].join('\n'),
    ]);
  });

  it('a quote that differs from its source only in typographic quotes, dashes, ellipses and white space is found', () => {
    const { base, diagnostics } = validateDir(path.join(FIXTURES, 'rule-quote-normalised'));
    expect(diagnostics).toEqual([]);
    // the fixture is not trivially verbatim: no quote occurs in the raw text as written
    const raw = base.texts.get('interview')!.text;
    const quotes = base.records.flatMap((r) => (r.record.citations ?? []).map((c) => c.quote));
    expect(quotes).toHaveLength(3);
    for (const q of quotes) expect(raw.includes(q)).toBe(false);
  });

  it('source-file-missing: at the file key, naming the seeds directory', () => {
    expect(fixtureDiagnostics('rule-source-file-missing')).toEqual([
      'base.yaml:18:9 source-file-missing',
    ]);
    expect(heads('rule-source-file-missing')).toEqual([
      'base.yaml:18:9: error source-file-missing: source text "interview.txt" not found in seeds',
    ]);
  });

  it('hedge-bound: "more than" stored exact, "up to" stored more-than, "approximately" stored exact', () => {
    expect(fixtureDiagnostics('rule-hedge-bound')).toEqual([
      'base.yaml:22:25 hedge-bound',
      'base.yaml:27:60 hedge-bound',
      'base.yaml:41:25 hedge-bound',
    ]);
    expect(formatted('rule-hedge-bound')).toEqual([
      [
        // a wrong "exact" (often the default) is shown at the value ...
        'base.yaml:22:25: error hedge-bound: quote says "more than" but the bound is "exact"; use "more-than", "at-least"',
        '   22 |       quantity: {value: 250000, unit: t, bound: exact}',
        '      |                         ^',
      ].join('\n'),
      [
        // ... any other wrong bound at the bound
        'base.yaml:27:60: error hedge-bound: quote says "up to" but the bound is "more-than"; use "up-to", "at-most"',
        '   27 |       quantity: {value: 1, scale: million, unit: t, bound: more-than}',
        '      |                                                            ^',
      ].join('\n'),
      [
        'base.yaml:41:25: error hedge-bound: quote says "approximately" but the bound is "exact"; use "approx"',
        '   41 |       quantity: {value: 800, scale: million, unit: USD, bound: exact}',
        '      |                         ^',
      ].join('\n'),
    ]);
  });

  it('modality-marker: a future or conditional word in the quote of a claim that says no modality is a warning', () => {
    expect(heads('rule-modality-marker')).toEqual([
      'base.yaml:17:18: warning modality-marker: quote says "will" but the claim is actual; mark its modality ("planned", "target", "expected"), or write "modality: actual" if the figure holds now',
      'base.yaml:34:18: warning modality-marker: quote says "considered" but the claim is actual; mark its modality ("reputed"), or write "modality: actual" if the figure holds now',
      'base.yaml:49:18: warning modality-marker: quote says "if confirmed" but the claim is actual; mark its modality ("possible"), or write "modality: actual" if the figure holds now',
      // a claim's date does not carry the modality: the claim does
      'base.yaml:61:36: error claim-date-modality: a claim says its modality itself: write "modality: planned" on the claim, not in its date',
    ]);
    // not warned: "could" with modality possible (line 23), "In May" (a month, line 28), and
    // "will" under an explicit `modality: actual` (line 41)
    expect(diagnosticsOf('rule-modality-marker').map((d) => d.args.citation ?? null)).toEqual([
      0,
      0,
      0,
      null,
    ]);
  });

  it('hedge-bound: the same numbers with the bounds their hedges call for raise nothing', () => {
    expect(fixtureDiagnostics('rule-hedge-bound-ok')).toEqual([]);
  });

  it('hedge-bound: a number without a hedge word fits every bound', () => {
    const { base, diagnostics } = validateDir(path.join(FIXTURES, 'rule-hedge-unhedged'));
    expect(diagnostics).toEqual([]);
    const bounds = base.records.flatMap((r) =>
      (r.record.claims ?? []).map((c) => c.quantity?.bound),
    );
    expect(new Set(bounds)).toEqual(new Set(BOUNDS));
  });

  it('unit-property: reserves given in USD', () => {
    expect(fixtureDiagnostics('rule-unit-property')).toEqual(['base.yaml:22:52 unit-property']);
    expect(formatted('rule-unit-property')).toEqual([
      [
        'base.yaml:22:52: error unit-property: unit "USD" does not fit property "reserves" (it takes t, kt, Mt)',
        '   22 |       quantity: {value: 800, scale: million, unit: USD, bound: approx}',
        '      |                                                    ^',
      ].join('\n'),
    ]);
  });

  it('value-property: investment given as text', () => {
    expect(fixtureDiagnostics('rule-value-property')).toEqual(['base.yaml:21:13 value-property']);
    expect(heads('rule-value-property')).toEqual([
      'base.yaml:21:13: error value-property: property "investment" takes a quantity value, not a text',
    ]);
  });
});

describe('a valid base', () => {
  it('with every record kind and every value form has no diagnostics at all', () => {
    const { base, diagnostics } = validateDir(path.join(FIXTURES, 'rule-valid-full'));
    expect(diagnostics).toEqual([]);
    expect(base.files.map((f) => f.rel)).toEqual([
      'actors.yaml',
      'commodities.yaml',
      'deals.yaml',
      'karabas.yaml',
      'places.yaml',
      'policies.yaml',
      'sources.yaml',
    ]);
    expect(base.records).toHaveLength(19);
    expect(new Set(base.records.map((r) => r.record.kind))).toEqual(new Set(KINDS));

    // the value forms the fixture promises are really there, as parsed
    const claims = base.records.flatMap((r) => r.record.claims ?? []);
    const quantities = claims.flatMap((c) => (c.quantity ? [c.quantity] : []));
    expect(
      quantities.some(
        (q) => q.bound === 'range' && q.low === 1.2 && q.high === 1.5 && q.basis?.system === 'GKZ',
      ),
    ).toBe(true);
    expect(quantities.some((q) => q.scale === 'million' && q.bound === 'up-to')).toBe(true);
    // bound defaults to exact
    expect(quantities.find((q) => q.unit === '%')).toEqual({
      value: 75,
      unit: '%',
      bound: 'exact',
    });
    expect(claims.some((c) => typeof c.date === 'string')).toBe(true);
    expect(
      claims.some(
        (c) => typeof c.date === 'object' && c.date.part === 'late' && c.modality === 'planned',
      ),
    ).toBe(true);
    expect(
      claims.some(
        (c) =>
          typeof c.when === 'object' && c.when.inferred === true && c.when.reason !== undefined,
      ),
    ).toBe(true);
    expect(claims.some((c) => c.ref === 'acme-mining')).toBe(true);
    expect(
      claims.some(
        (c) => c.text !== undefined && c.rank === 'deprecated' && c.rank_reason !== undefined,
      ),
    ).toBe(true);
    expect(claims.some((c) => c.citations.some((x) => x.said_by === 'arman-nurlanov'))).toBe(true);
    const person = base.records.find((r) => r.record.kind === 'person')!.record;
    expect(person.kind === 'person' && person.roles?.[0]?.citations?.length).toBe(1);
    const cerium = base.records.find((r) => r.record.id === 'cerium')!.record;
    expect(cerium.kind === 'commodity' && cerium.groups).toEqual(['rare-earths']);
  });

  it('the minimal example fixture is valid too', () => {
    expect(fixtureDiagnostics('valid-minimal')).toEqual([]);
  });
});

describe('reporting', () => {
  it('reports every problem of a run, in both files, sorted by file, line and column', () => {
    const diags = diagnosticsOf('rule-many-errors');
    expect(diags.map((d) => `${d.file}:${d.line}:${d.col} ${d.code}`)).toEqual([
      'base.yaml:6:14 date-invalid',
      'base.yaml:10:12 unknown-ref',
      // a whole-base finding (hedge-bound) sorts before schema findings later in the same file
      'deposits/karabas.yaml:10:25 hedge-bound',
      'deposits/karabas.yaml:18:11 bad-enum',
      'deposits/karabas.yaml:19:3 unknown-key',
    ]);
    expect([...diags].sort(compareDiagnostics)).toEqual(diags);
    expect(new Set(diags.map((d) => d.code)).size).toBe(5);
  });

  it('an empty file is a warning, not an error', () => {
    const diags = diagnosticsOf('rule-empty-file');
    expect(diags.map((d) => [d.file, d.line, d.col, d.severity, d.code])).toEqual([
      ['empty.yaml', 1, 1, 'warning', 'empty-file'],
    ]);
  });
});

describe('minerals validate (CLI, in process)', () => {
  const rel = (name: string) => path.join('test', 'fixtures', name);

  it('the CLI is built', () => {
    // run `npm run build` first; `npm test` does (these tests run src in process; the bin and the
    // bundle are run as processes by the tests that need one)
    expect(fs.existsSync(path.join(ROOT, 'dist', 'cli.cjs'))).toBe(true);
    expect(fs.existsSync(BIN)).toBe(true);
  });

  it('a clean base: exit 0, nothing on stdout or stderr', async () => {
    expect(await run(['validate', '--data', rel('rule-valid-full')])).toEqual({
      stdout: '',
      stderr: '',
      code: 0,
    });
  });

  it('an invalid base: exit 1, every diagnostic on stdout, the summary on stderr', async () => {
    const r = await run(['validate', '--data', rel('rule-many-errors')]);
    const dir = 'test/fixtures/rule-many-errors';
    expect(r.stdout).toBe(
      [
        `${dir}/base.yaml:6:14: error date-invalid: "2025-02-30" is not a real calendar date`,
        '    6 |   published: "2025-02-30"',
        '      |              ^',
        `${dir}/base.yaml:10:12: error unknown-ref: no record has id "metals"`,
        '   10 |   groups: [metals]',
        '      |            ^',
        `${dir}/deposits/karabas.yaml:10:25: error hedge-bound: quote says "more than" but the bound is "exact"; use "more-than", "at-least"`,
        '   10 |       quantity: {value: 250000, unit: t}',
        '      |                         ^',
        `${dir}/deposits/karabas.yaml:18:11: error bad-enum: "exploraton" is not one of ${STATUSES} (did you mean "exploration"?)`,
        '   18 |   status: exploraton',
        '      |           ^',
        `${dir}/deposits/karabas.yaml:19:3: error unknown-key: unknown key "colour" in deposit`,
        '   19 |   colour: red',
        '      |   ^',
        '',
      ].join('\n'),
    );
    expect(r.stderr).toBe('5 errors, 0 warnings in 2 files (3 records, 1 citation)\n');
    expect(r.code).toBe(1);
  });

  it('--json: one array of {file, line, col, severity, code, message, args}, nothing else', async () => {
    const r = await run(['validate', '--json', '--data', rel('rule-many-errors')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('');
    expect(r.stdout.endsWith('\n')).toBe(true);
    const dir = 'test/fixtures/rule-many-errors';
    expect(JSON.parse(r.stdout)).toEqual([
      {
        file: `${dir}/base.yaml`,
        line: 6,
        col: 14,
        severity: 'error',
        code: 'date-invalid',
        message: '"2025-02-30" is not a real calendar date',
        args: { value: '2025-02-30' },
      },
      {
        file: `${dir}/base.yaml`,
        line: 10,
        col: 12,
        severity: 'error',
        code: 'unknown-ref',
        message: 'no record has id "metals"',
        args: { id: 'metals', suggestions: [] },
      },
      {
        file: `${dir}/deposits/karabas.yaml`,
        line: 10,
        col: 25,
        severity: 'error',
        code: 'hedge-bound',
        message: 'quote says "more than" but the bound is "exact"; use "more-than", "at-least"',
        args: {
          hedge: 'more than',
          bound: 'exact',
          expected: ['more-than', 'at-least'],
          citation: 0,
        },
      },
      {
        file: `${dir}/deposits/karabas.yaml`,
        line: 18,
        col: 11,
        severity: 'error',
        code: 'bad-enum',
        message: `"exploraton" is not one of ${STATUSES} (did you mean "exploration"?)`,
        args: { value: 'exploraton', options: DEPOSIT_STATUSES, suggestions: ['exploration'] },
      },
      {
        file: `${dir}/deposits/karabas.yaml`,
        line: 19,
        col: 3,
        severity: 'error',
        code: 'unknown-key',
        message: 'unknown key "colour" in deposit',
        args: { key: 'colour', in: 'deposit', suggestions: [] },
      },
    ]);
  });

  it('--json on a clean base prints an empty array and exits 0', async () => {
    expect(await run(['validate', '--json', '--data', rel('rule-valid-full')])).toEqual({
      stdout: '[]\n',
      stderr: '',
      code: 0,
    });
  });

  it('a warning alone exits 0; --strict makes it exit 1', async () => {
    const out = [
      'test/fixtures/rule-empty-file/empty.yaml:1:1: warning empty-file: file holds no records',
      '    1 | # nothing here yet',
      '      | ^',
      '',
    ].join('\n');
    const summary = '0 errors, 1 warning in 1 file (0 records, 0 citations)\n';
    expect(await run(['validate', '--data', rel('rule-empty-file')])).toEqual({
      stdout: out,
      stderr: summary,
      code: 0,
    });
    expect(await run(['validate', '--strict', '--data', rel('rule-empty-file')])).toEqual({
      stdout: out,
      stderr: summary,
      code: 1,
    });
  });

  it('a missing data directory: exit 2, one line on stderr, no stack trace', async () => {
    const r = await run(['validate', '--data', rel('rule-no-such-dir')]);
    expect(r).toEqual({
      stdout: '',
      stderr:
        'minerals: data directory not found: test/fixtures/rule-no-such-dir (set --data DIR or MINERALS_DATA)\n',
      code: 2,
    });
  });
});

describe('validating never changes a file', () => {
  function checksums(root: string): Map<string, string> {
    const out = new Map<string, string>();
    const visit = (dir: string) => {
      for (const e of fs
        .readdirSync(dir, { withFileTypes: true })
        .sort((a, b) => (a.name < b.name ? -1 : 1))) {
        const abs = path.join(dir, e.name);
        if (e.isDirectory()) visit(abs);
        else
          out.set(
            path.relative(root, abs),
            crypto.createHash('sha256').update(fs.readFileSync(abs)).digest('hex'),
          );
      }
    };
    visit(root);
    return out;
  }

  it('leaves copied fixtures, valid and invalid, byte for byte as they were', async () => {
    const tmp = tempDir();
    try {
      const names = ['rule-valid-full', 'rule-many-errors', 'rule-hedge-bound', 'rule-empty-file'];
      for (const n of names)
        fs.cpSync(path.join(FIXTURES, n), path.join(tmp, n), { recursive: true });
      const before = checksums(tmp);
      expect(before.size).toBeGreaterThan(10);

      const codes: Array<number | null> = [];
      for (const n of names)
        codes.push((await run(['validate', '--data', path.join(tmp, n)], { cwd: tmp })).code);
      expect(codes).toEqual([0, 1, 1, 0]);
      expect(
        (
          await run(
            ['validate', '--strict', '--json', '--data', path.join(tmp, 'rule-many-errors')],
            {
              cwd: tmp,
            },
          )
        ).code,
      ).toBe(1);
      for (const n of names) validateDir(path.join(tmp, n));

      expect(checksums(tmp)).toEqual(before);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('leaves a copy of the shipped data/ and seeds/ byte for byte as they were', async () => {
    const tmp = tempDir();
    try {
      fs.cpSync(path.join(ROOT, 'data'), path.join(tmp, 'data'), { recursive: true });
      fs.cpSync(path.join(ROOT, 'seeds'), path.join(tmp, 'seeds'), { recursive: true });
      const before = checksums(tmp);
      expect([0, 1]).toContain((await run(['validate', '--data', 'data'], { cwd: tmp })).code);
      expect([0, 1]).toContain(
        (await run(['validate', '--strict', '--json', '--data', 'data'], { cwd: tmp })).code,
      );
      expect(checksums(tmp)).toEqual(before);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('leaves the shipped data/ byte for byte as it was', async () => {
    // The fact base may be edited by someone else while the suite runs: a change seen in one
    // attempt is only a failure if it shows up in every attempt. (A one-off rewrite by validate
    // itself is caught deterministically by the copy above.)
    const dataDir = path.join(ROOT, 'data');
    let last: { before: Map<string, string>; after: Map<string, string> } | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const before = checksums(dataDir);
      const r = await run(['validate']); // the shipped fact base, found by default
      const after = checksums(dataDir);
      expect([0, 1]).toContain(r.code);
      last = { before, after };
      if (JSON.stringify([...after]) === JSON.stringify([...before])) break;
    }
    expect(last!.after).toEqual(last!.before);
  });
});

describe('body rules for coverage', () => {
  it('body-text-not-found: every start, end, exclude and no_fact text must occur in the source', () => {
    expect(fixtureDiagnostics('rule-body-text-not-found')).toEqual([
      'base.yaml:9:21 body-text-not-found',
      'base.yaml:13:15 body-text-not-found',
    ]);
  });
});
