// `minerals cite SOURCE TEXT`: TEXT found in the source's stored text (query/cite.ts) and printed
// as a verbatim quote with a citation ready to paste into a claim; validate accepts it as it is.
// Not found: exit 1, with the nearest passages.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { type CiteResult, cite, type Passage } from '../query/cite.js';
import { safeJson, sanitize } from '../util/sanitize.js';
import { findRecord, loadWholeBase } from './common.js';
import type { CommandEntry } from './kit.js';

interface CiteOptions {
  sentence?: boolean;
}

/** A passage as JSON: where it stands and what it says. */
const passageJson = (p: Passage) => ({
  quote: p.quote,
  line: p.line,
  start: p.start,
  end: p.end,
  score: p.score,
});

/** The citation as YAML, to paste under a claim's `citations:` (a JSON string is YAML too). */
const citationYaml = (source: string, quote: string) =>
  `citations:\n  - source: ${source}\n    quote: ${safeJson(quote)}\n`;

function describe(r: CiteResult): string {
  const p = r.found!;
  return r.match === 'approximate'
    ? `approximately (${Math.round(p.score * 100)}% of its words)`
    : r.match === 'normalized'
      ? 'as validate compares quotes (quotes, dashes and spaces as typed differ)'
      : 'exactly';
}

async function citeCommand(
  ctx: Context,
  sourceText: string,
  words: string[],
  opts: CiteOptions,
): Promise<number> {
  const needle = words.join(' ');
  if (needle.trim() === '')
    throw new UserError('give the text to find after the source', EXIT.usage);
  const { index, texts } = await loadWholeBase(ctx);
  const source = findRecord(index, sourceText, ['source'], 'source');
  const stored = texts.get(source.id);
  if (!stored)
    throw new UserError(
      `source ${source.id} has no readable text (run \`minerals validate\` to see why)`,
      EXIT.usage,
    );
  const r = cite(stored.text, needle, { sentence: opts.sentence === true });
  const code = r.found ? EXIT.ok : EXIT.data;
  if (ctx.json) {
    const out = {
      source: source.id,
      file: stored.file,
      match: r.match,
      ...(r.found ? passageJson(r.found) : { quote: null }),
      citation: r.found ? { source: source.id, quote: r.found.quote } : null,
      [r.found ? 'others' : 'nearest']: r.others.map(passageJson),
    };
    ctx.io.out(`${safeJson(out, ctx.io.stdoutIsTTY ? 2 : undefined)}\n`);
    return code;
  }
  const where = (p: Passage) => `line ${p.line}`;
  if (!r.found) {
    const nearest = r.others.map(
      (p) => `  ${where(p)} (${Math.round(p.score * 100)}% of its words): ${sanitize(p.quote)}\n`,
    );
    ctx.io.err(
      `minerals: ${sanitize(JSON.stringify(needle))} is not in the text of source ${source.id} (${sanitize(stored.file)})${
        nearest.length > 0 ? `; the nearest passages:\n${nearest.join('')}` : '\n'
      }`,
    );
    return code;
  }
  const p = r.found;
  const also =
    r.others.length > 0
      ? `also at ${r.others.map((o) => `${where(o)}${r.match === 'approximate' ? ` (${Math.round(o.score * 100)}%)` : ''}`).join(', ')}\n`
      : '';
  ctx.io.out(
    `found ${describe(r)} in ${source.id} (${sanitize(stored.file)}), ${where(p)}:\n\n  ${sanitize(p.quote)}\n\n${also}${also ? '\n' : ''}${citationYaml(source.id, p.quote)}`,
  );
  return code;
}

export const citeEntry: CommandEntry = {
  names: ['cite'],
  group: 'Write the data:',
  register: (program, kit) => {
    const cmd = program
      .command('cite')
      .argument('<source>', 'the source: its id, name or alias')
      .argument('<text...>', 'the text to find in its stored text (words as typed or pasted)')
      .description(
        "find text in a source's stored text and print it as a verbatim quote with a citation to paste",
      )
      .option('--sentence', 'quote the whole sentence (or sentences) the text stands in');
    kit.examples(cmd, [
      'minerals cite mntv-gallium-market "holds more than 250,000 tons of copper"',
      'minerals cite erg-not-for-sale "not for sale" --sentence',
      'minerals cite kursiv-rare-earth-auctions auction rare earth --json | jq .quote',
    ]);
    cmd.action(async (source: string, text: string[], opts: CiteOptions, c: Command) =>
      kit.setExit(await citeCommand(kit.context(c), source, text, opts)),
    );
  },
};
