// The built CLI on a real terminal (a pseudo-terminal made by util-linux `script`): the width a
// table takes is the terminal's own, not $COLUMNS; a pager that quits early ends the run quietly.
// The layout itself is tested in-process (test/tables.test.ts): here the bin must print the same.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { BIN, FIXTURES, run, tempDir } from './helpers.js';

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;
const data = path.join(FIXTURES, 'tables-wide');
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Run the bin on a terminal `cols` x `rows`, its stderr into a file (no progress line). */
function onTerminal(cols: number, rows: number, args: string[], env: Record<string, string> = {}) {
  const errFile = path.join(tempDir('minerals-pty-'), 'stderr');
  const command = `stty cols ${cols} rows ${rows} && exec ${[process.execPath, BIN, ...args].map(quote).join(' ')} 2>${quote(errFile)}`;
  const r = spawnSync('script', ['-qec', command, '/dev/null'], {
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', COLUMNS: '80', TERM: 'xterm', ...env },
    timeout: 20_000,
  });
  // the terminal turns each newline into CR LF
  const stderr = fs.existsSync(errFile) ? fs.readFileSync(errFile, 'utf8') : '';
  return { code: r.status, stdout: r.stdout.replace(/\r\n/g, '\n'), stderr };
}

describe.skipIf(!hasScript)('on a real terminal', () => {
  it('a table takes the width of the terminal at 60, 80 and 200 columns, whatever $COLUMNS says', async () => {
    for (const cols of [60, 80, 200]) {
      const args = ['--data', data, 'deals', '--no-pager'];
      const tty = onTerminal(cols, 200, args);
      const expected = await run(args, { tty: true, columns: cols });
      expect(tty, `${cols} columns`).toEqual({ code: 0, stdout: expected.stdout, stderr: '' });
      const widest = Math.max(...tty.stdout.split('\n').map((l) => [...l].length));
      expect(widest).toBeLessThanOrEqual(cols);
      expect(widest).toBeGreaterThan(cols - 20);
    }
  });

  it('long output goes through the pager; one that quits early ends the run quietly', () => {
    // far more than a pipe holds (800 kB), so that the pager quits before it has read it all:
    // the rest of the text meets EPIPE, which must end the run quietly
    const dir = tempDir();
    const text = 'a long description '.repeat(100);
    const rows = Array.from(
      { length: 400 },
      (_, i) => `- {id: c${i}, kind: country, name: C${i}, description: ${text}}`,
    );
    fs.writeFileSync(path.join(dir, 'countries.yaml'), `${rows.join('\n')}\n`);
    const r = onTerminal(
      80,
      5,
      ['--data', dir, '--no-cache', 'countries', '--fields', 'id,description'],
      {
        MINERALS_PAGER: 'head -n 2',
      },
    );
    expect(r).toEqual({
      code: 0,
      stdout: `ID    DESCRIPTION\nc0    ${'a long description '.repeat(3)}a long\n`,
      stderr: '',
    });
  });
});
