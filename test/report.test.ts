// `minerals report`: one self-contained HTML page. Checked as text (nothing loaded from the
// network, a table per kind with a row per record, hostile data escaped, --out written atomically)
// and in headless Chromium (the search box filters rows from #q=..., the page renders).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { findConflicts } from '../src/query/conflicts.js';
import { FactIndex } from '../src/query/facts.js';
import { timelineItems } from '../src/query/timeline.js';
import { KINDS } from '../src/schema/vocab.js';
import { bundledModule, FIXTURES, ROOT, run, tempDir, validateDir } from './helpers.js';

const SMALL = path.join(FIXTURES, 'graph-small');
const HOSTILE = path.join(FIXTURES, 'graph-hostile');
const TABLES = [...KINDS, 'conflicts', 'timeline'];

/** The rows of each table of a page, as the `<tr ...>` start tags and the row's text. */
function tablesOf(html: string): Map<string, Array<{ tag: string; text: string }>> {
  const out = new Map<string, Array<{ tag: string; text: string }>>();
  for (const m of html.matchAll(
    /<table class="data" id="t-([\w-]+)"[^>]*>.*?<tbody>(.*?)<\/tbody>/gs,
  )) {
    const rows = [...m[2]!.matchAll(/<tr([^>]*)>(.*?)<\/tr>/gs)].map((r) => ({
      tag: r[1]!,
      text: textOf(r[2]!),
    }));
    out.set(m[1]!, rows);
  }
  return out;
}
const ENTITIES: Record<string, string> = {
  '&amp;': '&',
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
};
const textOf = (html: string) =>
  html.replace(/<[^>]*>/g, '').replace(/&(amp|lt|gt|quot|#39);/g, (e) => ENTITIES[e]!);
const visible = (rows: Array<{ tag: string }>) =>
  rows.filter((r) => !/\bhidden\b/.test(r.tag)).length;

async function report(args: string[] = []): Promise<string> {
  const r = await run(['report', ...args]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
}

describe('the page, as text', () => {
  let html: string;
  beforeAll(async () => {
    html = await report();
  });

  it('loads nothing: no network address in src, href or CSS, and a policy that forbids loading', () => {
    expect(html).toMatch(/^<!doctype html>\n/);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none';`,
    );
    expect(html).not.toMatch(
      /\b(src|href|action|poster|srcset|xlink:href)\s*=\s*["']?\s*(https?:|\/\/|ftp:|data:)/i,
    );
    expect(html).not.toMatch(/@import|url\(\s*["']?(?!#)/i);
    // a source's address is shown as text only, in its own cell; nowhere else is there any address
    expect(html.replace(/<span class="url">[^<]*<\/span>/g, '')).not.toMatch(/https?:\/\//i);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).not.toMatch(/<script[^>]*\bsrc=|<link\b|<iframe|<img\b/i);
  });

  it('has a table per kind with a row per record, and the conflicts and timeline', () => {
    const index = new FactIndex(
      validateDir(path.join(ROOT, 'data')).base.records.map((r) => r.record),
    );
    const tables = tablesOf(html);
    expect([...tables.keys()].sort()).toEqual([...TABLES].sort());
    for (const kind of KINDS)
      expect({ kind, rows: tables.get(kind)!.length }).toEqual({
        kind,
        rows: index.ofKind(kind).length,
      });
    expect(tables.get('deposit')!.map((r) => r.tag)).toEqual(
      index.ofKind('deposit').map((d) => ` id="r-${d.id}"`),
    );
    expect(tables.get('conflicts')!.length).toBe(findConflicts(index).length);
    expect(tables.get('timeline')!.length).toBe(timelineItems(index).length);
    expect(tables.get('conflicts')!.length).toBeGreaterThan(0);
    expect(html).toContain(`<svg class="graph" viewBox=`);
  });

  it('shows each claim with its value, quote, source and speaker', async () => {
    const small = await report(['--data', SMALL]);
    expect(small).toContain(
      '<li class="claim"><span class="prop">investment</span>: <span class="val">20 million USD</span><ul class="cites"><li><q>with an investment of $20 million</q> — <a href="#r-report">Nordland report</a></li></ul></li>',
    );
    const hostile = await report(['--data', HOSTILE]);
    expect(hostile).toContain(
      '<li><q>&lt;script&gt;alert(&quot;quote&quot;)&lt;/script&gt; &amp; &quot;] --&gt; done.</q> — <a href="#r-hostile">Hostile &lt;img src=x onerror=alert(1)&gt; source</a>, said by <a href="#r-mallory">Mallory&#39; onmouseover=&#39;alert(3)</a></li>',
    );
  });

  it('escapes hostile names, titles and quotes everywhere', async () => {
    const hostile = await report(['--data', HOSTILE]);
    expect(hostile.match(/<script/g)).toHaveLength(1);
    expect(hostile).not.toMatch(/<img|<b>|<\/title><script/);
    expect(hostile).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/u);
    expect(hostile).toContain(
      '<a class="name" href="#r-evil">Evil &lt;script&gt;alert(1)&lt;/script&gt; &quot;] --&gt; x[&quot;pwn&quot;]^Jline2 ^[[31mred^[[0m \\u{202E}right</a>',
    );
    expect(hostile).toContain(
      '<td>CEO&quot;|&gt; n_x --&gt; n_y; &lt;b&gt;&amp;amp;&lt;/b&gt; \\ end^J^[]52;c;aGk=^G, <a href="#r-evil">',
    );
    expect(hostile).toContain('data-sort="Mallory&#39; onmouseover=&#39;alert(3)"');
    // kinds with no records still have their (empty) table
    expect(tablesOf(hostile).get('deposit')).toEqual([]);
  });
});

describe('--out', () => {
  it('writes the same page to a file, leaving no temporary file behind', async () => {
    const dir = tempDir();
    const r = await run(['report', '--data', SMALL, '--out', 'page.html'], { cwd: dir });
    expect(r).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(fs.readdirSync(dir)).toEqual(['page.html']);
    expect(fs.readFileSync(path.join(dir, 'page.html'), 'utf8')).toBe(
      await report(['--data', SMALL]),
    );
  });

  it('an unwritable path is a usage error on one line', async () => {
    const dir = tempDir();
    const missing = await run(['report', '--data', SMALL, '--out', 'no/such/dir/page.html'], {
      cwd: dir,
    });
    expect(missing).toEqual({
      stdout: '',
      stderr: 'minerals: cannot write no/such/dir/page.html: no such directory\n',
      code: 2,
    });
    const isDir = await run(['report', '--data', SMALL, '--out', '.'], { cwd: dir });
    expect(isDir).toEqual({
      stdout: '',
      stderr: 'minerals: cannot write .: it is a directory\n',
      code: 2,
    });
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('replaces only a regular file, keeping its permissions; refuses a link or a FIFO; writes a character device as it is', async () => {
    const dir = tempDir();
    const page = await report(['--data', SMALL]);
    const out = (name: string) => run(['report', '--data', SMALL, '--out', name], { cwd: dir });
    const at = (name: string) => path.join(dir, name);
    // a private file stays private
    fs.writeFileSync(at('private.html'), 'old');
    fs.chmodSync(at('private.html'), 0o600);
    expect(await out('private.html')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(fs.statSync(at('private.html')).mode & 0o777).toBe(0o600);
    expect(fs.readFileSync(at('private.html'), 'utf8')).toBe(page);
    // a symbolic link is not followed: it and what it points to stay as they are
    fs.writeFileSync(at('target.html'), 'kept');
    fs.symlinkSync(at('target.html'), at('link.html'));
    expect(await out('link.html')).toEqual({
      stdout: '',
      stderr:
        'minerals: cannot write link.html: it is a symbolic link; only a regular file is replaced (give the file it points to)\n',
      code: 2,
    });
    expect(fs.lstatSync(at('link.html')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(at('target.html'), 'utf8')).toBe('kept');
    // a FIFO is refused, and never opened (a write would wait for a reader)
    expect(spawnSync('mkfifo', [at('pipe.html')]).status).toBe(0);
    expect(await out('pipe.html')).toEqual({
      stdout: '',
      stderr: 'minerals: cannot write pipe.html: it is a FIFO; only a regular file is replaced\n',
      code: 2,
    });
    expect(fs.lstatSync(at('pipe.html')).isFIFO()).toBe(true);
    // a character device is written to, not replaced
    expect(await out('/dev/null')).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(fs.statSync('/dev/null').isCharacterDevice()).toBe(true);
    // a name of 240 characters: the temporary name beside it is cut to fit 255 bytes
    const long = `${'p'.repeat(235)}.html`;
    expect(await out(long)).toEqual({ stdout: '', stderr: '', code: 0 });
    expect(fs.readFileSync(at(long), 'utf8')).toBe(page);
    // and one too long for the file system is one line, not a stack trace
    expect(await out(`${'q'.repeat(300)}.html`)).toEqual({
      stdout: '',
      stderr: `minerals: cannot write ${'q'.repeat(300)}.html: the name is too long\n`,
      code: 2,
    });
    expect(fs.readdirSync(dir).sort()).toEqual(
      [long, 'link.html', 'pipe.html', 'private.html', 'target.html'].sort(),
    );
  });
});

describe('--out and Ctrl-C', () => {
  it('a SIGINT that comes while the file is written waits until it is in place, then ends the run as SIGINT does', () => {
    // in a process of its own: the signal is real, and ends it
    const mod = bundledModule('src/util/write.ts');
    const dir = tempDir();
    const script = `
      import { writeAtomic } from ${JSON.stringify(mod)};
      import fs from 'node:fs';
      fs.writeFileSync('page.html', 'old');
      const content = 'x'.repeat(1 << 20);
      // the signal arrives before the write starts: with nothing holding it, node dies at once
      const write = fs.writeFileSync;
      fs.writeFileSync = (...a) => { process.kill(process.pid, 'SIGINT'); return write(...a); };
      writeAtomic('page.html', content);
      fs.writeFileSync = write;
      process.stdout.write('written\\n');
      setTimeout(() => process.stdout.write('not ended\\n'), 2000);
    `;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
      cwd: dir,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect({ signal: r.signal, stdout: r.stdout, stderr: r.stderr }).toEqual({
      signal: 'SIGINT',
      stdout: 'written\n',
      stderr: '',
    });
    // the new page whole, and no temporary file left beside it
    expect(fs.readdirSync(dir)).toEqual(['page.html']);
    expect(fs.statSync(path.join(dir, 'page.html')).size).toBe(1 << 20);
  });
});

function findChromium(): string | undefined {
  for (const name of ['chromium', 'chromium-browser']) {
    const r = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim() !== '') return r.stdout.trim();
  }
  return undefined;
}
const CHROMIUM = findChromium();
if (!CHROMIUM && !process.env.CI)
  console.warn(
    'skipping the browser tests of `minerals report`: no chromium or chromium-browser on PATH (apt-get install chromium)',
  );

/** Without a browser the tests are skipped locally, but fail in CI (.ci/run installs chromium). */
describe.skipIf(!CHROMIUM && !process.env.CI)('the page in headless Chromium', () => {
  const browse = (args: string[]) => {
    if (!CHROMIUM)
      throw new Error('chromium is not on PATH and CI is set: .ci/run should have installed it');
    const profile = tempDir('minerals-chromium-');
    const r = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--no-first-run',
        `--user-data-dir=${profile}`,
        ...args,
      ],
      { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 },
    );
    fs.rmSync(profile, { recursive: true, force: true });
    expect(r.status).toBe(0);
    return r.stdout;
  };
  /** The page written by the CLI, run in process: only the browser is a separate process. */
  const page = async (args: string[]) => {
    const file = path.join(tempDir(), 'report.html');
    expect((await run(['report', ...args, '--out', file])).code).toBe(0);
    return file;
  };

  it('#q=TEXT filters the rows of every table (fixture: exact rows)', async () => {
    const file = await page(['--data', SMALL]);
    const dom = browse(['--dump-dom', `file://${file}#q=globex`]);
    const tables = tablesOf(dom);
    const shown = Object.fromEntries(
      [...tables].map(([id, rows]) => [
        id,
        rows
          .filter((r) => !/\bhidden\b/.test(r.tag))
          .map((r) => /id="([^"]*)"/.exec(r.tag)?.[1] ?? r.text.slice(0, 24)),
      ]),
    );
    expect(shown).toEqual({
      deposit: ['r-beta'],
      project: ['r-alpha'],
      deal: ['r-supply'],
      organization: ['r-globex'],
      person: [],
      policy: [],
      commodity: [],
      region: [],
      country: [],
      source: [],
      conflicts: [],
      timeline: ['2024actualAcme-Globex co'],
    });
    expect(dom).toContain('<span id="status" role="status">5 of 14 rows match</span>');
    expect(dom).toContain('<span class="shown" data-count-for="t-organization">1 of 3 rows</span>');
    // every word must occur: "acme plant" is the Alpha plant only
    const both = tablesOf(browse(['--dump-dom', `file://${file}#q=acme%20plant`]));
    expect([...both.values()].reduce((n, rows) => n + visible(rows), 0)).toBe(1);
    expect(visible(both.get('project')!)).toBe(1);
  }, 120_000);

  it('#q=gallium on the shipped data shows exactly the rows whose text has "gallium"', async () => {
    const file = await page([]);
    const expected = tablesOf(fs.readFileSync(file, 'utf8'));
    const dom = tablesOf(browse(['--dump-dom', `file://${file}#q=gallium`]));
    let total = 0;
    for (const id of TABLES) {
      const want = expected.get(id)!.filter((r) => r.text.toLowerCase().includes('gallium')).length;
      expect({ id, visible: visible(dom.get(id)!) }).toEqual({ id, visible: want });
      total += want;
    }
    expect(visible(dom.get('deal')!)).toBeGreaterThan(0);
    expect(total).toBeGreaterThan(0);
    expect(total).toBeLessThan([...expected.values()].reduce((n, rows) => n + rows.length, 0));
  }, 120_000);

  it('renders: a screenshot of a decent size', async () => {
    const file = await page([]);
    const png = path.join(path.dirname(file), 'report.png');
    browse([
      `--screenshot=${png}`,
      '--window-size=1280,2000',
      '--hide-scrollbars',
      `file://${file}`,
    ]);
    const bytes = fs.readFileSync(png);
    expect(bytes.subarray(0, 8).toString('hex')).toBe('89504e470d0a1a0a');
    expect(bytes.readUInt32BE(16)).toBe(1280); // width from the IHDR chunk
    expect(bytes.length).toBeGreaterThan(50_000);
  }, 120_000);
});
