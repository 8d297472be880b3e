// Behaviour is a contract: every README example, every help example and a fixed set of commands
// on every fixture and on the shipped base give, in-process, the stdout, stderr and exit code
// that the built CLI gave when the cases were written (scripts/golden.mjs). A change of
// behaviour is made on purpose: rewrite the cases with `node scripts/golden.mjs` and read the diff.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ROOT, run, tempDir } from './helpers.js';

type Text = string | { sha256: string; length: number };
interface Case {
  argv: string[];
  code: number;
  stdout: Text;
  stderr: Text;
}

const CASES = JSON.parse(
  fs.readFileSync(path.join(ROOT, 'test', 'golden', 'cases.json'), 'utf8'),
) as Case[];
const cache = tempDir('minerals-golden-');
afterAll(() => fs.rmSync(cache, { recursive: true, force: true }));

function normalize(text: string, like: Text): Text {
  const t = text.split(cache).join('<cache>').split(ROOT).join('<root>');
  if (typeof like === 'string') return t;
  return { sha256: crypto.createHash('sha256').update(t).digest('hex'), length: t.length };
}

describe('golden cases', () => {
  it('cover the README, the help examples, every fixture and the shipped base', () => {
    expect(CASES.length).toBeGreaterThan(1000);
    const fixtures = fs.readdirSync(path.join(ROOT, 'test', 'fixtures'));
    for (const f of fixtures)
      expect(CASES.some((c) => c.argv.includes(`test/fixtures/${f}`))).toBe(true);
  });

  // one test per base, so a failure names the base and the diff shows the first differing case
  const groups = new Map<string, Case[]>();
  for (const c of CASES) {
    const at = c.argv.indexOf('--data');
    const key = at >= 0 ? (c.argv[at + 1] ?? '') : 'shipped base';
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  for (const [base, cases] of groups)
    it(`${base}: ${cases.length} command lines give byte-identical output`, async () => {
      for (const c of cases) {
        const r = await run(c.argv, { env: { MINERALS_CACHE_DIR: cache, LC_ALL: 'C' } });
        expect({
          argv: c.argv,
          code: r.code,
          stdout: normalize(r.stdout, c.stdout),
          stderr: normalize(r.stderr, c.stderr),
        }).toEqual(c);
      }
    });
});
