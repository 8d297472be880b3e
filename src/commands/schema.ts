// `minerals schema`: the JSON Schema of a data file, generated from the zod schemas, for editors
// (the YAML language server) and for anyone who wants to check data files with another tool.
// `minerals schema --output COMMAND`: the JSON Schema of a command's JSON output instead.
// Loads zod: the entry point may import this module on demand (`await import(...)`).
import { z } from 'zod';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { DataFile } from '../schema/index.js';
import {
  OUTPUT_COMMANDS,
  SHOW_ALIASES,
  outputCommand,
  outputJsonSchema,
} from '../schema/output.js';
import { closest } from '../util/suggest.js';

export const SCHEMA_ID = 'https://minerals.invalid/schema/data-file.json';

export interface SchemaOptions {
  output?: string;
}

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

/** The command an --output value names; a usage error (exit 2) with the closest name otherwise. */
export function outputOption(value: string) {
  const command = outputCommand(value);
  if (command !== undefined) return command;
  const near = closest(value, [...OUTPUT_COMMANDS, ...SHOW_ALIASES], 1);
  throw new UserError(
    `--output: unknown command ${JSON.stringify(value)}${near.length > 0 ? ` (did you mean ${near[0]}?)` : ''}; commands with JSON output: ${OUTPUT_COMMANDS.join(', ')}`,
    EXIT.usage,
  );
}

export function schemaCommand(ctx: Context, opts: SchemaOptions = {}): number {
  const schema =
    opts.output === undefined ? dataFileJsonSchema() : outputJsonSchema(outputOption(opts.output));
  ctx.io.out(`${JSON.stringify(schema, null, 2)}\n`);
  return EXIT.ok;
}
