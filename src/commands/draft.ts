// `minerals draft SOURCE`: claims proposed for the figures of a source's text that no claim holds
// yet (query/draft.ts has the rules), printed as YAML to review, or as JSON. Nothing is written
// without --write.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { safeJson, sanitize } from '../util/sanitize.js';
import { findRecord, loadWholeBase } from './common.js';
import { type CommandEntry, jsonOutput } from './kit.js';

interface DraftOptions {
  write?: string;
}

async function draftCommand(ctx: Context, sourceText: string, opts: DraftOptions): Promise<number> {
  const { index, records, texts } = await loadWholeBase(ctx);
  const source = findRecord(index, sourceText, ['source'], 'source');
  if (source.kind !== 'source') throw new UserError(`${source.id} is not a source`, EXIT.usage);
  const stored = texts.get(source.id);
  if (!stored)
    throw new UserError(
      `source ${source.id} has no readable text (run \`minerals validate\` to see why)`,
      EXIT.usage,
    );
  // loaded on use: the rules compile many patterns no other command needs at start-up
  const [{ draft }, { claimQuotes }, render] = await Promise.all([
    import('../query/draft.js'),
    import('../query/coverage.js'),
    import('../render/draft.js'),
  ]);
  const d = draft({
    source: { id: source.id, published: source.published },
    text: stored.text,
    rule: source.body ?? {},
    records,
    quotes: claimQuotes(records).get(source.id) ?? [],
  });
  if (opts.write !== undefined) {
    // loaded on use: writing reads YAML, which a query never loads
    const { writeDraft } = await import('../pipeline/draft-write.js');
    ctx.io.out(
      writeDraft(
        { cwd: ctx.io.cwd, dataDir: ctx.dataDir, followLinks: ctx.followLinks },
        d,
        opts.write,
      ),
    );
    return EXIT.ok;
  }
  if (ctx.json) {
    const out = {
      source: source.id,
      file: stored.file,
      figures: d.figures,
      claims: d.claims.map((c) => ({
        record: {
          id: c.record.id,
          kind: c.record.kind,
          name: c.record.name,
          new: c.record.stub !== null,
        },
        claim: c.claim,
        figure: c.figure,
        line: c.line,
        sentence: c.sentence,
        check: c.check.map((what, i) => ({ what, why: c.why[i]! })),
      })),
      new_records: [
        ...new Map(
          d.claims.flatMap((c) => (c.record.stub ? [[c.record.id, c.record.stub]] : [])),
        ).values(),
      ],
      skipped: d.skipped,
    };
    ctx.io.out(`${safeJson(out, ctx.io.stdoutIsTTY ? 2 : undefined)}\n`);
    return EXIT.ok;
  }
  const text = render.draftYaml(d, source.id, stored.file);
  ctx.io.out(ctx.io.stdoutIsTTY ? sanitize(text, true) : text);
  return EXIT.ok;
}

export const draftEntry: CommandEntry = {
  names: ['draft'],
  group: 'Write the data:',
  outputs: {
    draft: jsonOutput(
      'minerals draft SOURCE --json',
      'one object: the claims proposed for the figures of the source that no claim holds yet, each with its record, figure, line, sentence and what to check; the new records proposed; the figures skipped and why',
      async () => (await import('../schema/output-reports.js')).DraftOut,
      { list: false, fields: false },
    ),
  },
  register: (program, kit) => {
    const cmd = program
      .command('draft')
      .argument('<source>', 'the source: its id, name or alias')
      .description(
        "propose claims for the figures of a source's text that no claim holds yet: value, unit, bound, modality, date, record, quote",
      )
      .option(
        '--write <file>',
        "write the claims: under their records in the records' own files, and new records to FILE (a new data file, or appended to)",
      );
    kit.examples(cmd, [
      'minerals draft mntv-gallium-market',
      "minerals draft erg-not-for-sale --json | jq '.claims[] | {record: .record.id, figure}'",
      'minerals draft gate-kazakhstan-bets-big --data my-base --write my-base/drafted.yaml',
    ]);
    cmd.action(async (source: string, opts: DraftOptions, c: Command) =>
      kit.setExit(await draftCommand(kit.context(c), source, opts)),
    );
  },
};
