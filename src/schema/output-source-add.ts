// The JSON of `minerals source add --json`, key for key as src/commands/source-add.ts prints it.
import { z } from 'zod';
import { SeedFile } from './records.js';
import { Id } from './values.js';

export const SourceAdded = z.strictObject({
  id: Id.meta({ description: 'the new source id' }),
  file: SeedFile.meta({ description: "the stored text's file name under the seeds directory" }),
  record_file: z
    .string()
    .meta({ description: 'the data file the record was appended to, as shown to the user' }),
  record_line: z.int().min(1).meta({ description: 'the line the record starts on' }),
  written: z
    .boolean()
    .meta({ description: 'whether the text and the record were written (false with --dry-run)' }),
  diff: z.string().nullable().meta({
    description: 'with --dry-run, what would change as a unified diff; else null',
  }),
});
