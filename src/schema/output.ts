// The published JSON shape of every command that prints JSON: `minerals schema --output COMMAND`
// prints it as JSON Schema (draft 2020-12), generated from the zod schemas of output-*.ts.
// Loads zod: only src/commands/schema.ts (loaded on demand) and the tests import this module.
import { z } from 'zod';
import {
  CompanyRow,
  CountryRow,
  DealRow,
  DepositRow,
  MetalRow,
  PersonRow,
  PolicyRow,
  ProjectRow,
  SourceRow,
} from './output-lists.js';
import {
  ConflictRow,
  CoverageRow,
  DiagnosticRow,
  FactRow,
  Graph,
  SearchRow,
  Stats,
  TimelineRow,
} from './output-reports.js';
import { ShowPage } from './output-show.js';
import { SHOW_COMMANDS } from './kinds.js';

interface OutputSpec {
  /** The row of a list, or the one object the command prints. */
  schema: z.ZodType;
  list: boolean;
  /** Takes the shared output options (--fields, --format ndjson ...). */
  fields: boolean;
  /** How to get it, for the description. */
  usage: string;
  what: string;
}

const list = (schema: z.ZodType, usage: string, what: string, fields = true): OutputSpec => ({
  schema,
  list: true,
  fields,
  usage,
  what,
});

/** In the order `minerals --help` lists the commands. */
export const OUTPUTS = {
  validate: list(
    DiagnosticRow,
    'minerals validate --json',
    'every problem in the fact base, by file and position (an empty array when it is clean)',
    false,
  ),
  coverage: list(
    CoverageRow,
    'minerals coverage --json',
    'one object per source with a readable text, by source id',
    false,
  ),
  deposits: list(
    DepositRow,
    'minerals deposits --json',
    'one object per deposit that passes the filters',
  ),
  deals: list(DealRow, 'minerals deals --json', 'one object per deal that passes the filters'),
  projects: list(
    ProjectRow,
    'minerals projects --json',
    'one object per project that passes the filters',
  ),
  companies: list(
    CompanyRow,
    'minerals companies --json',
    'one object per organization that passes the filters',
  ),
  people: list(
    PersonRow,
    'minerals people --json',
    'one object per person that passes the filters',
  ),
  metals: list(
    MetalRow,
    'minerals metals --json',
    'one object per commodity that passes the filters',
  ),
  sources: list(SourceRow, 'minerals sources --json', 'one object per source document'),
  policies: list(
    PolicyRow,
    'minerals policies --json',
    'one object per policy that passes the filters',
  ),
  countries: list(
    CountryRow,
    'minerals countries --json',
    'one object per country or region that passes the filters',
  ),
  show: {
    schema: ShowPage,
    list: false,
    fields: false,
    usage: 'minerals show ID --json',
    what: "one object: the record's own fields as its data file has them, its citations and claims (quantities with `base`, dates with `precision`, citations with `file` and `said_by`) and `referenced_by`; a commodity's page adds members, deposits, projects, deals, policies and related_claims, a source's page adds citing_claims. `minerals deposit show ID` and the other kinds print the same shape",
  },
  timeline: list(
    TimelineRow,
    'minerals timeline --json',
    'one object per dated item, in date order',
  ),
  conflicts: list(
    ConflictRow,
    'minerals conflicts --json',
    'one object per conflict, by subject id',
  ),
  facts: list(
    FactRow,
    'minerals facts --json',
    'one object per claim that passes the filters; --fields can also name id, kind, name, value, base_value, source, said_by and quotes',
  ),
  search: list(
    SearchRow,
    'minerals search TEXT --json',
    'one object per matching record, best first',
  ),
  stats: {
    schema: Stats,
    list: false,
    fields: false,
    usage: 'minerals stats --json',
    what: 'one object: totals, records by kind, claims and citations by source with coverage, claims by property',
  },
  graph: {
    schema: Graph,
    list: false,
    fields: false,
    usage: 'minerals graph --json',
    what: 'one object: the records (nodes; sources are never nodes) and the links their fields state (edges), for the whole base or within --depth steps of --about',
  },
} satisfies Record<string, OutputSpec>;

export type OutputCommand = keyof typeof OUTPUTS;
export const OUTPUT_COMMANDS = Object.keys(OUTPUTS) as OutputCommand[];

/** `minerals <kind> show ID` prints what `minerals show ID` prints. */
export const SHOW_ALIASES: readonly string[] = SHOW_COMMANDS.map((s) => s.command);

/** The command a name stands for (a command with JSON output, or a kind's show), or undefined. */
export function outputCommand(name: string): OutputCommand | undefined {
  if (Object.hasOwn(OUTPUTS, name)) return name as OutputCommand;
  return (SHOW_ALIASES as readonly string[]).includes(name) ? 'show' : undefined;
}

export const outputSchemaId = (command: OutputCommand) =>
  `https://minerals.invalid/schema/output/${command}.json`;

export function outputJsonSchema(command: OutputCommand): Record<string, unknown> {
  const spec: OutputSpec = OUTPUTS[command];
  const schema = z.toJSONSchema(spec.list ? z.array(spec.schema) : spec.schema, {
    target: 'draft-2020-12',
    io: 'output',
  });
  const notes = [
    `The JSON that \`${spec.usage}\` prints: ${spec.list ? `an array, ${spec.what}` : spec.what}.`,
    ...(spec.fields
      ? [
          'With --fields a,b each object carries only the keys named, in that order.',
          'With --format ndjson each object is printed on a line of its own and validates against the `items` schema.',
        ]
      : []),
  ];
  const { $schema, description: _row, ...rest } = schema;
  return {
    $schema,
    $id: outputSchemaId(command),
    title: `minerals ${command} JSON output`,
    description: notes.join(' '),
    ...rest,
  };
}
