// `minerals cite SOURCE TEXT` (issue 15): exact, normalised and approximate matches in the shipped
// sources' stored texts, the citation it prints accepted by validate's rule, and its errors.
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cite } from '../src/query/cite.js';
import { normalizeText, quoteOccurs } from '../src/util/quotes.js';
import { ROOT, run } from './helpers.js';

const ERG = fs.readFileSync(path.join(ROOT, 'seeds', '000_43bf4b2db010c5a0.txt'), 'utf8');

/** The quote passes validate's quote check against the text. */
const accepted = (text: string, quote: string) =>
  quoteOccurs(text, () => normalizeText(text), quote, normalizeText(quote));

describe('minerals cite', () => {
  it('finds text exactly and prints the quote with a citation to paste', async () => {
    expect(
      await run([
        '--no-cache',
        'cite',
        'mntv-gallium-market',
        'holds more than 250,000 tons of copper',
      ]),
    ).toEqual({
      stdout: [
        'found exactly in mntv-gallium-market (003_7fd1036cce212589.txt), line 8:',
        '',
        '  holds more than 250,000 tons of copper',
        '',
        'citations:',
        '  - source: mntv-gallium-market',
        '    quote: "holds more than 250,000 tons of copper"',
        '',
      ].join('\n'),
      stderr: '',
      code: 0,
    });
  });

  it('--sentence quotes the whole sentence; a source is named by its title too', async () => {
    const r = await run([
      '--no-cache',
      'cite',
      'mntv-gallium-market',
      'more than 250,000 tons',
      '--sentence',
      '--json',
    ]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out).toMatchObject({
      source: 'mntv-gallium-market',
      match: 'exact',
      quote:
        'Initial estimates suggest the Karabas site holds more than 250,000 tons of copper, with the potential to yield up to 1 million tons of ore.',
      line: 8,
      score: 1,
    });
    expect(out.citation).toEqual({ source: 'mntv-gallium-market', quote: out.quote });
  });

  it('finds text typed with straight quotes, hyphens and extra spaces as the text has it (curly quotes, dashes)', () => {
    const r = cite(ERG, '"ERG is definitely   not for sale," said Ibragimov');
    expect(r.match).toBe('normalized');
    expect(r.found?.quote).toBe('“ERG is definitely not for sale,” said Ibragimov');
    expect(r.found?.line).toBe(3);
    const dash = cite(ERG, 'ASTANA - Shukhrat Ibragimov');
    expect(dash.found?.quote).toBe('ASTANA – Shukhrat Ibragimov');
  });

  it('finds text approximately, with a score, from the first to the last of its words in the sentence', async () => {
    const r = await run([
      '--no-cache',
      'cite',
      'erg-not-for-sale',
      'Ibragimov stated there were no negotiations on sale of ERG',
      '--json',
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({
      match: 'approximate',
      quote:
        'Ibragimov, the Eurasian Resources Group CEO, stated there are no negotiations on the sale of ERG',
      line: 1,
      score: 0.9,
    });
  });

  it('not found: exit 1 with the nearest passages; --json says null', async () => {
    const r = await run([
      '--no-cache',
      'cite',
      'erg-not-for-sale',
      'board zebras giraffes lions adopted',
    ]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(
      [
        'minerals: "board zebras giraffes lions adopted" is not in the text of source erg-not-for-sale (000_43bf4b2db010c5a0.txt); the nearest passages:',
        '  line 5 (40% of its words): board of directors adopted',
        '  line 7 (20% of its words): board',
        '',
      ].join('\n'),
    );
    const j = await run(['--no-cache', 'cite', 'erg-not-for-sale', 'zebra', '--json']);
    expect(j.code).toBe(1);
    expect(JSON.parse(j.stdout)).toEqual({
      source: 'erg-not-for-sale',
      file: '000_43bf4b2db010c5a0.txt',
      match: null,
      quote: null,
      citation: null,
      nearest: [],
    });
  });

  it('an unknown source is exit 1; a record that is no source says which it is; no text is a usage error', async () => {
    expect(await run(['--no-cache', 'cite', 'nosuch', 'x'])).toEqual({
      stdout: '',
      stderr: 'minerals: no source "nosuch"\n',
      code: 1,
    });
    expect(await run(['--no-cache', 'cite', 'karabas', 'x'])).toEqual({
      stdout: '',
      stderr:
        'minerals: no source "karabas"; karabas is a deposit: `minerals deposit show karabas`\n',
      code: 1,
    });
    expect(await run(['--no-cache', 'cite', 'erg-not-for-sale', ' '])).toEqual({
      stdout: '',
      stderr: 'minerals: give the text to find after the source\n',
      code: 2,
    });
  });

  it('every quote it finds, in any of the three ways, is one validate accepts (fast-check over pieces of the shipped texts)', () => {
    const texts = fs
      .readdirSync(path.join(ROOT, 'seeds'))
      .filter((f) => f.endsWith('.txt'))
      .map((f) => fs.readFileSync(path.join(ROOT, 'seeds', f), 'utf8'));
    fc.assert(
      fc.property(
        fc.nat(texts.length - 1),
        fc.nat(),
        fc.integer({ min: 3, max: 120 }),
        fc.constantFrom('as is', 'typed', 'word dropped'),
        fc.boolean(),
        (t, from, len, how, sentence) => {
          const text = texts[t]!;
          const start = from % Math.max(1, text.length - len);
          let piece = text.slice(start, start + len);
          if (how === 'typed')
            piece = piece.replace(/[“”]/g, '"').replace(/[‘’]/g, "'").replace(/[–—]/g, '-');
          if (how === 'word dropped') piece = piece.replace(/\s\S+\s/, ' ');
          const r = cite(text, piece, { sentence });
          if (r.found) {
            expect(text.slice(r.found.start, r.found.end)).toBe(r.found.quote);
            expect(accepted(text, r.found.quote)).toBe(true);
          }
          if (how === 'as is' && piece.trim() !== '') expect(r.match).toBe('exact');
        },
      ),
      { numRuns: 500 },
    );
  });
});
