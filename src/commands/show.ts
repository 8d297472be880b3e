// `minerals show ID` (any kind) and `minerals <kind> show ID`: one record, its claims with their
// quotes, and what refers to it. A commodity's page adds everything about it across the base;
// a source's page adds every claim that cites it (query/pages.ts, render/page.ts).
import type { Command } from 'commander';
import { type Context, tableWidth } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import type { FactIndex } from '../query/facts.js';
import { pageJson } from '../query/pages.js';
import { resolve } from '../query/resolve.js';
import { recordJson } from '../query/values.js';
import { prepareFormat } from '../render/output.js';
import { pageSections, renderPage } from '../render/page.js';
import { safeJson } from '../util/sanitize.js';
import type { FactRecord, Kind } from '../schema/index.js';
import { KIND_INFO, listCommandOf, SHOW_COMMANDS } from '../schema/kinds.js';
import { openBaseIndex } from './common.js';
import { type CommandEntry, jsonOutput, type Kit } from './kit.js';

function find(
  index: FactIndex,
  text: string,
  kinds: readonly Kind[] | undefined,
  what: string,
): FactRecord {
  const r = resolve(index, text, kinds);
  if (r.ok) return r.record;
  const list = r.candidates.join(', ');
  if (r.reason === 'ambiguous')
    throw new UserError(
      `${JSON.stringify(text)} matches several records: ${list}; be more specific`,
      EXIT.usage,
    );
  // a record of another kind: say which, and the command that shows it (still not found: 1)
  const other = kinds ? resolve(index, text) : undefined;
  if (other?.ok) {
    const { id, kind } = other.record;
    const noun = KIND_INFO[kind].noun;
    const word = SHOW_COMMANDS.find((s) => s.kinds.includes(kind))?.command;
    throw new UserError(
      `no ${what} ${JSON.stringify(text)}; ${id} is ${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}: \`minerals ${word ? `${word} ` : ''}show ${id}\``,
      EXIT.data,
    );
  }
  throw new UserError(
    `no ${what} ${JSON.stringify(text)}${list ? ` (did you mean ${list}?)` : ''}`,
    EXIT.data,
  );
}

export async function showCommand(
  ctx: Context,
  text: string,
  kinds?: readonly Kind[],
  what = 'record',
): Promise<number> {
  const index = await openBaseIndex(ctx);
  const r = find(index, text, kinds, what);
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
      const group = program
        .command(s.command)
        .description(`${s.noun}: show one (minerals ${s.command} show ID)`);
      registerShow(group, kit, s.kinds, s.noun, s.example);
      kit.examples(group, [
        `minerals ${s.command} show ${s.example}`,
        `minerals ${s.command} show ${s.example} --json`,
        `minerals ${listCommandOf(s.kinds[0]!)}`,
      ]);
    }
  },
};
