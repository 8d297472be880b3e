// The published JSON shape of a command that prints JSON: `minerals schema --output COMMAND`
// prints it as JSON Schema (draft 2020-12), generated from the zod schema the command declares
// (commands/kit.ts, JsonOutput). Loads zod: only the schema command and the tests import it.
import { z } from 'zod';
import { DataFile } from './records.js';

const SCHEMA_ID = 'https://minerals.invalid/schema/data-file.json';

/** What a command declares about its JSON output, with its zod schema loaded. */
export interface OutputSpec {
  /** The row of a list, or the one object the command prints. */
  schema: z.ZodType;
  list: boolean;
  /** Takes the shared output options (--fields, --format ndjson ...). */
  fields: boolean;
  /** How to get it, for the description. */
  usage: string;
  what: string;
}

/** A command of two words (`source add`) is one path segment, hyphenated. */
const outputSchemaId = (command: string) =>
  `https://minerals.invalid/schema/output/${command.replaceAll(' ', '-')}.json`;

export function outputJsonSchema(command: string, spec: OutputSpec): Record<string, unknown> {
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

/** The JSON Schema of a data file: one record, or a list of records. */
export function dataFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(DataFile, {
    target: 'draft-2020-12',
    unrepresentable: 'any',
    io: 'input',
    reused: 'ref',
  });
  return {
    $schema: schema.$schema,
    $id: SCHEMA_ID,
    title: 'minerals fact file',
    description: 'A YAML file of the minerals fact base: one record, or a list of records.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}
