// The round trip of issue 15 on a new article written for the tests
// (test/fixtures/authoring/article.txt): `source add` stores it, `cite` quotes it, `draft --write`
// writes its claims, `fmt` finds the files in their layout already, `validate` accepts the base,
// and a second draft has nothing left to propose.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FIXTURES, ROOT, run, tempDir } from './helpers.js';

describe('adding an article', () => {
  it('source add, cite, draft --write, fmt and validate: a base that holds the article as claims', async () => {
    const dir = tempDir('minerals-authoring-');
    const data = path.join(dir, 'data');
    fs.cpSync(path.join(ROOT, 'data'), data, { recursive: true });
    fs.cpSync(path.join(ROOT, 'seeds'), path.join(dir, 'seeds'), { recursive: true });
    const base = ['--no-cache', '--data', data];
    const article = path.join(FIXTURES, 'authoring', 'article.txt');

    const add = await run([
      ...base,
      'source',
      'add',
      article,
      '--id',
      'fixture-wire-copper',
      '--title',
      'Kazakhstan widens its copper push as ERG eyes new smelter',
      '--publisher',
      'Fixture Wire',
      '--published',
      '2025-06',
      '--json',
    ]);
    expect([add.code, add.stderr]).toEqual([0, '']);
    expect(JSON.parse(add.stdout)).toMatchObject({ id: 'fixture-wire-copper', written: true });

    const cite = await run([
      ...base,
      'cite',
      'fixture-wire-copper',
      '500,000 tons of copper a year',
    ]);
    expect([cite.code, cite.stdout.split('\n').at(-2)]).toEqual([
      0,
      '    quote: "500,000 tons of copper a year"',
    ]);

    const written = await run([
      ...base,
      'draft',
      'fixture-wire-copper',
      '--write',
      path.join(data, 'drafted.yaml'),
    ]);
    expect([written.code, written.stderr]).toEqual([0, '']);
    expect(written.stdout.split('\n')[0]).toBe('wrote 10 drafted claims:');

    // what draft writes is in fmt's layout: fmt has nothing to change
    expect(await run([...base, 'fmt', '--check'])).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(await run([...base, 'validate'])).toEqual({ stdout: '', stderr: '', code: 0 });

    const facts = await run([...base, 'facts', '--source', 'fixture-wire-copper', '--json']);
    const held = (
      JSON.parse(facts.stdout) as Array<{ about: { id: string }; property: string }>
    ).map((f) => `${f.about.id} ${f.property}`);
    expect(held.sort()).toEqual([
      'balkhash-north-project count',
      'balkhash-north-project grade',
      'erg capacity',
      'erg change',
      'erg investment',
      'erg start-date',
      'kazakhstan market-share',
      'kazakhstan production',
      'ministry-of-industry-and-construction date-of-event',
      'ministry-of-industry-and-construction investment',
    ]);

    const again = await run([...base, 'draft', 'fixture-wire-copper', '--json']);
    expect(JSON.parse(again.stdout)).toMatchObject({ figures: 1, claims: [], new_records: [] });
  });
});
