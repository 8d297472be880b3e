// `minerals schema`: the JSON Schema of a data file, generated from the zod schemas, for editors
// (the YAML language server) and for anyone who wants to check data files with another tool.
// `minerals schema --output COMMAND`: the JSON Schema of what a command prints with --json, as
// the command declares it. zod loads only when this command runs.
import type { Command } from 'commander';
import type { Context } from '../context.js';
import { EXIT, UserError } from '../errors.js';
import { SHOW_COMMANDS } from '../schema/kinds.js';
import { closest } from '../util/suggest.js';
import type { CommandEntry, JsonOutput, Kit } from './kit.js';

/** The command an --output value names (`deal` is `show`); a usage error with the closest otherwise. */
function outputOf(outputs: ReadonlyMap<string, JsonOutput>, value: string): [string, JsonOutput] {
  const name = SHOW_COMMANDS.some((s) => s.command === value) ? 'show' : value;
  const spec = outputs.get(name);
  if (spec) return [name, spec];
  const names = [...outputs.keys()];
  const near = closest(value, [...names, ...SHOW_COMMANDS.map((s) => s.command)], 1);
  throw new UserError(
    `--output: unknown command ${JSON.stringify(value)}${near.length > 0 ? ` (did you mean ${near[0]}?)` : ''}; commands with JSON output: ${names.join(', ')}`,
  );
}

async function schemaCommand(ctx: Context, kit: Kit, opts: { output?: string }): Promise<number> {
  const found = opts.output === undefined ? undefined : outputOf(kit.outputs(), opts.output);
  const { dataFileJsonSchema, outputJsonSchema } = await import('../schema/output.js');
  const schema =
    found === undefined
      ? dataFileJsonSchema()
      : outputJsonSchema(found[0], { ...found[1], schema: await found[1].schema() });
  ctx.io.out(`${JSON.stringify(schema, null, 2)}\n`);
  return EXIT.ok;
}

export const schema: CommandEntry = {
  names: ['schema'],
  group: 'Check the data:',
  register: (program, kit) => {
    const cmd = program
      .command('schema')
      .description(
        "print the JSON Schema of a data file, or of a command's JSON output (for editors and other tools)",
      )
      .option(
        '--output <command>',
        'the JSON Schema of what COMMAND --json prints instead (deposits, show, facts, ...)',
      );
    kit.examples(cmd, [
      'minerals schema > schema.json',
      'minerals schema --output deposits',
      'minerals schema --output show > show.schema.json',
    ]);
    cmd.action(async (opts: { output?: string }, c: Command) =>
      kit.setExit(await schemaCommand(kit.context(c), kit, opts)),
    );
  },
};
