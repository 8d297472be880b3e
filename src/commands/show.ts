// `minerals show ID` (any kind) and `minerals <kind> show ID`: one record, its claims with their
// quotes, and what refers to it. A commodity's page adds everything about it across the base;
// a source's page adds every claim that cites it.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import type { FactIndex } from '../query/facts.js';
import { resolve } from '../query/resolve.js';
import { claimJson, claimValueText, recordJson } from '../query/values.js';
import { prepareFormat } from '../render/output.js';
import { figureLines } from '../render/figures.js';
import { renderPage, type Section } from '../render/page.js';
import { safeJson } from '../render/sanitize.js';
import type { Claim, FactRecord, Kind } from '../schema/index.js';
import { SHOW_COMMANDS } from '../schema/kinds.js';
import type { Kit, Registrar } from './kit.js';
import { openBaseIndex } from './query.js';

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
  throw new UserError(
    `no ${what} ${JSON.stringify(text)}${list ? ` (did you mean ${list}?)` : ''}`,
    EXIT.data,
  );
}

/** Everything about a commodity (and its members) across the base. */
function commodityExtras(index: FactIndex, id: string) {
  const set = index.commodityClosure(id);
  const has = (ids: readonly string[] | undefined) => (ids ?? []).some((c) => set.has(c));
  const claims = [...index.byId.values()].flatMap((r) =>
    r.id === id
      ? []
      : (r.claims ?? [])
          .filter((c) => c.commodity !== undefined && set.has(c.commodity))
          .map((c) => ({ about: r, claim: c })),
  );
  return {
    members: [...set].filter((m) => m !== id),
    deposits: index.ofKind('deposit').filter((d) => has(d.commodities)),
    projects: index.ofKind('project').filter((p) => has(p.commodities)),
    deals: index.ofKind('deal').filter((d) => has(d.commodities)),
    policies: index.ofKind('policy').filter((p) => has(p.commodities)),
    claims,
  };
}

function citingClaims(index: FactIndex, source: string) {
  return [...index.byId.values()].flatMap((r) =>
    (r.claims ?? [])
      .filter((c) => c.citations.some((x) => x.source === source))
      .map((c) => ({ about: r, claim: c })),
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
  const about = (x: FactRecord) => ({ id: x.id, kind: x.kind, name: x.name });
  let extraJson: Record<string, unknown> = {};
  let sections: Section[] = [];
  if (r.kind === 'commodity') {
    const e = commodityExtras(index, r.id);
    extraJson = {
      members: e.members,
      deposits: e.deposits.map(about),
      projects: e.projects.map(about),
      deals: e.deals.map(about),
      policies: e.policies.map(about),
      related_claims: e.claims.map(({ about: a, claim }) => ({
        about: about(a),
        ...claimJson(claim, index),
      })),
    };
    const line = (x: FactRecord) => `${x.id}  ${x.name}`;
    const figures = e.claims.filter((x) => x.claim.quantity !== undefined);
    const statements = e.claims.filter((x) => x.claim.quantity === undefined);
    const sourcesOf = (c: Claim) => [...new Set(c.citations.map((x) => x.source))].join(', ');
    sections = [
      { title: 'Members', lines: e.members },
      { title: `Deposits (${e.deposits.length})`, lines: e.deposits.map(line) },
      { title: `Projects (${e.projects.length})`, lines: e.projects.map(line) },
      { title: `Deals (${e.deals.length})`, lines: e.deals.map(line) },
      { title: `Policies (${e.policies.length})`, lines: e.policies.map(line) },
      {
        title: `Figures elsewhere (${figures.length})`,
        lines: figureLines(
          figures.map(({ about: a, claim }) => ({
            about: a.id,
            property: claim.property,
            quantity: claim.quantity!,
            sources: sourcesOf(claim),
          })),
        ),
      },
      {
        title: `Statements elsewhere (${statements.length})`,
        lines: statements.map(
          ({ about: a, claim }) =>
            `${a.id}  ${claim.property}  ${claimValueText(claim, index)}  (${sourcesOf(claim)})`,
        ),
      },
    ];
  } else if (r.kind === 'source') {
    const cited = citingClaims(index, r.id);
    extraJson = {
      citing_claims: cited.map(({ about: a, claim }) => ({
        about: about(a),
        ...claimJson(claim, index),
      })),
    };
    sections = [
      {
        title: `Claims citing it (${cited.length})`,
        lines: cited.flatMap(({ about: a, claim }) => [
          `${a.id}  ${claim.property}${claim.commodity ? ` (${claim.commodity})` : ''}  ${claimValueText(claim, index)}`,
          ...claim.citations.filter((c) => c.source === r.id).map((c) => `    "${c.quote}"`),
        ]),
      },
    ];
  }
  if (ctx.json) {
    ctx.io.out(
      `${safeJson({ ...recordJson(r, index), ...extraJson }, ctx.io.stdoutIsTTY ? 2 : undefined)}\n`,
    );
    return EXIT.ok;
  }
  const width = Number(ctx.io.env.COLUMNS) > 0 ? Number(ctx.io.env.COLUMNS) : 80;
  await prepareFormat('table');
  ctx.io.out(
    renderPage(r, index, { chalk: ctx.chalk, isTTY: ctx.io.stdoutIsTTY, width }, sections),
  );
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

export const registerShowCommands: Registrar = (program, kit) => {
  registerShow(program, kit, undefined, 'record', 'erg-mitsubishi');
  for (const s of SHOW_COMMANDS) {
    const what = s.noun;
    const group = program
      .command(s.command)
      .description(`${what}: show one (minerals ${s.command} show ID)`);
    registerShow(group, kit, s.kinds, what, s.example);
  }
};
