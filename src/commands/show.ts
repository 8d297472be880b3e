// `minerals show ID` (any kind) and `minerals <kind> show ID`: one record, its claims with their
// quotes, and what refers to it. A commodity's page adds everything about it across the base;
// a source's page adds every claim that cites it (query/pages.ts, render/page.ts).
import type { Command } from 'commander';
import { type Context, tableWidth } from '../context.js';
import { EXIT } from '../errors.js';
import { pageJson } from '../query/pages.js';
import { recordJson } from '../query/values.js';
import { prepareFormat } from '../render/output.js';
import { pageSections, renderPage } from '../render/page.js';
import { safeJson } from '../util/sanitize.js';
import type { Kind } from '../schema/index.js';
import { listCommandOf, SHOW_COMMANDS } from '../schema/kinds.js';
import { findRecord, openBaseIndex } from './common.js';
import { type CommandEntry, jsonOutput, type Kit } from './kit.js';

export async function showCommand(
  ctx: Context,
  text: string,
  kinds?: readonly Kind[],
  what = 'record',
): Promise<number> {
  const index = await openBaseIndex(ctx);
  const r = findRecord(index, text, kinds, what);
  if (ctx.json) {
    const page = { ...recordJson(r, index), ...pageJson(index, r) };
    ctx.io.out(`${safeJson(page, ctx.io.stdoutIsTTY ? 2 : undefined)}\n`);
    return EXIT.ok;
  }
  await prepareFormat('table');
  const opts = { chalk: ctx.chalk, isTTY: ctx.io.stdoutIsTTY, width: tableWidth(ctx.io) };
  ctx.io.out(renderPage(r, index, opts, pageSections(index, r)));
  return EXIT.ok;
}

function registerShow(
  parent: Command,
  kit: Kit,
  kinds: readonly Kind[] | undefined,
  what: string,
  example: string,
): void {
  const cmd = parent
    .command('show')
    .argument('<id>', 'id, name, alias or symbol')
    .description(
      `show one ${what}: its fields, its claims with their quotes, and what refers to it`,
    );
  const prefix = parent.name() === 'minerals' ? 'minerals' : `minerals ${parent.name()}`;
  kit.examples(cmd, [
    `${prefix} show ${example}`,
    `${prefix} show ${example} --json | jq '.claims | length'`,
  ]);
  cmd.action(async (id: string, _opts: unknown, c: Command) =>
    kit.setExit(await showCommand(kit.context(c), id, kinds, what)),
  );
}

export const show: CommandEntry = {
  names: ['show', ...SHOW_COMMANDS.map((s) => s.command)],
  group: 'Show one record:',
  outputs: {
    show: jsonOutput(
      'minerals show ID --json',
      "one object: the record's own fields as its data file has them, its citations and claims (quantities with `base`, dates with `precision`, citations with `file` and `said_by`) and `referenced_by`; a commodity's page adds members, deposits, projects, deals, policies and related_claims, a source's page adds citing_claims. `minerals deposit show ID` and the other kinds print the same shape",
      async () => (await import('../schema/output-show.js')).ShowPage,
      { list: false, fields: false },
    ),
  },
  register: (program, kit) => {
    registerShow(program, kit, undefined, 'record', 'erg-mitsubishi');
    for (const s of SHOW_COMMANDS) {
      // what other modules add under the word (`source add`) is said beside `show`
      const more = kit.additions(s.command);
      const group = program
        .command(s.command)
        .description(
          `${s.noun}: show one${more.map((a) => `, or ${a.summary}`).join('')} (${[`minerals ${s.command} show ID`, ...more.map((a) => a.usage)].join(', ')})`,
        );
      registerShow(group, kit, s.kinds, s.noun, s.example);
      kit.examples(group, [
        `minerals ${s.command} show ${s.example}`,
        `minerals ${s.command} show ${s.example} --json`,
        `minerals ${listCommandOf(s.kinds[0]!)}`,
      ]);
    }
  },
};
