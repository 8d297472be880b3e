// The unified diff `--dry-run` prints (src/render/diff.ts): exactly what `diff -u` prints for the
// same two files, on chosen cases and random ones, and hunks that turn the old text into the new.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { diffHunks, unifiedDiff } from '../src/render/diff.js';
import { tempDir } from './helpers.js';

const dir = tempDir('minerals-diff-');

/** What the system's `diff -u` prints after its two header lines (which carry timestamps). */
function systemDiff(before: string, after: string): string {
  fs.writeFileSync(path.join(dir, 'a'), before);
  fs.writeFileSync(path.join(dir, 'b'), after);
  const r = spawnSync('diff', ['-u', 'a', 'b'], { cwd: dir, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(before === after ? 0 : 1);
  return r.stdout.split('\n').slice(2).join('\n');
}

/** Apply a diff's hunks to the text they were made from. */
function applyHunks(before: string, hunks: string): string {
  const old = before.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  const out: string[] = [];
  let at = 0;
  const lines = hunks.split('\n').slice(0, -1);
  for (let i = 0; i < lines.length; i++) {
    const h = /^@@ -(\d+)(?:,(\d+))? \+\d+(?:,\d+)? @@$/.exec(lines[i]!);
    if (h) {
      const start = Number(h[1]) - (h[2] === '0' ? 0 : 1);
      out.push(...old.slice(at, start));
      at = start;
      continue;
    }
    const line = lines[i]!;
    // a line without its line break is followed by diff's marker
    const text = lines[i + 1]?.startsWith('\\') ? line.slice(1) : `${line.slice(1)}\n`;
    if (line[0] === ' ' || line[0] === '-') {
      expect(old[at]).toBe(text);
      at++;
    }
    if (line[0] === ' ' || line[0] === '+') out.push(text);
  }
  return [...out, ...old.slice(at)].join('');
}

const text = (lines: string[], end: boolean) =>
  lines.join('\n') + (end && lines.length > 0 ? '\n' : '');

describe('unified diff', () => {
  it('prints an append with three lines of context, as diff -u does', () => {
    const before = text(['a', 'b', 'c', 'd', 'e'], true);
    const after = text(['a', 'b', 'c', 'd', 'e', '', 'f', 'g'], true);
    const hunks = diffHunks(before, after);
    expect(hunks).toBe('@@ -3,3 +3,6 @@\n c\n d\n e\n+\n+f\n+g\n');
    expect(hunks).toBe(systemDiff(before, after));
  });

  it('a new file is all additions from line 0; the headers are the names given', () => {
    expect(unifiedDiff('', 'one\ntwo\n', '/dev/null', 'b/seeds/005_x.txt')).toBe(
      '--- /dev/null\n+++ b/seeds/005_x.txt\n@@ -0,0 +1,2 @@\n+one\n+two\n',
    );
    expect(diffHunks('', 'one\n')).toBe(systemDiff('', 'one\n'));
    expect(unifiedDiff('same\n', 'same\n', 'a', 'b')).toBe('');
  });

  it('marks a last line without a line break, as diff -u does', () => {
    const before = 'x\ny';
    const after = 'x\ny\n\nz\n';
    expect(diffHunks(before, after)).toBe(
      '@@ -1,2 +1,4 @@\n x\n-y\n\\ No newline at end of file\n+y\n+\n+z\n',
    );
    expect(diffHunks(before, after)).toBe(systemDiff(before, after));
  });

  it('joins changes at most six lines apart into one hunk, and splits those further apart', () => {
    const lines = Array.from({ length: 20 }, (_, i) => `l${i}`);
    const near = lines.map((l, i) => (i === 2 || i === 9 ? `${l}!` : l));
    const far = lines.map((l, i) => (i === 2 || i === 10 ? `${l}!` : l));
    expect(diffHunks(text(lines, true), text(near, true)).match(/^@@/gm)).toHaveLength(1);
    expect(diffHunks(text(lines, true), text(far, true)).match(/^@@/gm)).toHaveLength(2);
    for (const after of [near, far])
      expect(diffHunks(text(lines, true), text(after, true))).toBe(
        systemDiff(text(lines, true), text(after, true)),
      );
  });

  it('its hunks turn the old text into the new, changing as few lines as diff -u (fast-check)', () => {
    // few distinct lines, so that texts share lines in many ways
    const lines = fc.array(fc.constantFrom('a', 'b', 'c', '', 'd d'), { maxLength: 14 });
    fc.assert(
      fc.property(lines, fc.boolean(), lines, fc.boolean(), (a, endA, b, endB) => {
        const before = text(a, endA);
        const after = text(b, endB);
        const hunks = diffHunks(before, after);
        expect(applyHunks(before, hunks)).toBe(after);
        expect(hunks === '').toBe(before === after);
        // where several alignments are shortest, diff may pick another: the counts agree
        const changed = (d: string) => d.match(/^[-+]/gm)?.length ?? 0;
        expect(changed(hunks)).toBe(changed(systemDiff(before, after)));
      }),
      { numRuns: 300 },
    );
  });
});
