// `minerals schema`: the JSON Schema of a data file, generated from the zod schemas, for editors
// (the YAML language server) and for anyone who wants to check data files with another tool.
import { z } from 'zod';
import type { Context } from '../context.js';
import { DataFile } from '../schema/index.js';

export const SCHEMA_ID = 'https://minerals.invalid/schema/data-file.json';

export function dataFileJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(DataFile, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input', reused: 'ref' });
  return {
    $schema: schema.$schema,
    $id: SCHEMA_ID,
    title: 'minerals fact file',
    description: 'A YAML file of the minerals fact base: one record, or a list of records.',
    ...Object.fromEntries(Object.entries(schema).filter(([k]) => k !== '$schema')),
  };
}

export function schemaCommand(ctx: Context): number {
  ctx.io.out(`${JSON.stringify(dataFileJsonSchema(), null, 2)}\n`);
  return 0;
}
