// `minerals fmt [FILE...] [--check]`: the data files in their canonical layout (render/yaml-layout.ts),
// comments and content kept. Every file is read and laid out before anything is written; a file
// is written (atomically) only when its text changes, and a file with YAML problems is reported
// as validate reports it and left as it is. --check writes nothing and names the files that differ.
import nodeFs from 'node:fs';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import type { Command } from 'commander';
import type { Context } from '../context.js';
import {
  type Diagnostic,
  exitCodeFor,
  formatDiagnostic,
  makeDiagnostic,
  message,
  toJson,
} from '../diagnostics.js';
import { EXIT, UserError } from '../errors.js';
import { Positions } from '../load/position.js';
import { errnoOf, readCapped } from '../load/read.js';
import { decode } from '../load/text.js';
import { isDataFileName } from '../load/walk.js';
import { displayPath } from '../util/display.js';
import { describeType } from '../util/filetype.js';
import { safeJson, sanitize } from '../util/sanitize.js';
import { writeAtomic } from '../util/write.js';
import { type CommandEntry, jsonOutput } from './kit.js';

interface FmtOptions {
  check?: boolean;
}

/** A file to lay out: where it is, and how it is named in what fmt prints. */
interface Target {
  abs: string;
  display: string;
}

/** A file read and laid out: its canonical text when it could be, and whether that differs. */
interface Laid extends Target {
  text: string | null;
  changed: boolean;
}

/** The files named on the command line, each a regular data file (a usage error, exit 2, if not). */
function namedFiles(ctx: Context, files: readonly string[]): Target[] {
  return files.map((f) => {
    const abs = path.resolve(ctx.io.cwd, f);
    const shown = sanitize(f);
    if (!isDataFileName(path.basename(abs)))
      throw new UserError(`${shown} is not a data file (*.yaml, *.yml)`);
    let st: nodeFs.Stats;
    try {
      st = nodeFs.lstatSync(abs);
    } catch (e) {
      const errno = errnoOf(e);
      throw new UserError(
        errno === 'ENOENT' ? `${shown}: no such file` : `cannot read ${shown} (${errno})`,
      );
    }
    if (st.isSymbolicLink())
      throw new UserError(`${shown} is a symbolic link; give the file it leads to`);
    if (!st.isFile()) throw new UserError(`${shown} is not a regular file (${describeType(st)})`);
    return { abs, display: f };
  });
}

/** A problem at an offset of a file's text, located as the loader locates it. */
function located(
  t: Target,
  text: string,
  problems: ReadonlyArray<{ code: string; offset: number; args?: Record<string, unknown> }>,
): Diagnostic[] {
  const positions = new Positions(text);
  return problems.map((p) => {
    const { line, col } = positions.at(p.offset);
    return makeDiagnostic(p.code, t.display, line, col, p.args ?? {}, positions.line(line));
  });
}

/**
 * What laying out needs: yaml and zod (through the record schemas), loaded on first use so that
 * loading the commands does not load them.
 */
async function layoutStack() {
  const [{ parseYaml }, { layoutDocument }, { listData, walkDiagnostics }] = await Promise.all([
    import('../load/yaml.js'),
    import('../render/yaml-layout.js'),
    import('../load/base.js'),
  ]);
  return { parseYaml, layoutDocument, listData, walkDiagnostics };
}
type Stack = Awaited<ReturnType<typeof layoutStack>>;

/**
 * One file read and laid out. A file that cannot be read, is not clean UTF-8 text or has YAML
 * problems is not laid out: its diagnostics say why.
 */
function layOut(stack: Stack, t: Target, diagnostics: Diagnostic[]): Laid {
  const { parseYaml, layoutDocument } = stack;
  const unlaid = { ...t, text: null, changed: false };
  const read = readCapped(nodeFs, t.abs);
  if (!read.ok) {
    diagnostics.push(makeDiagnostic(read.code, t.display, 1, 1, read.args));
    return unlaid;
  }
  const { text, problems } = decode(read.bytes);
  const parsed = problems.length === 0 ? parseYaml(text) : null;
  const found = parsed ? parsed.problems : problems;
  if (!parsed || found.length > 0) {
    diagnostics.push(...located(t, text, found));
    return unlaid;
  }
  // the records as read, before the layout restyles the document in place
  const before = parsed.items.map((i) => i.value);
  const out = layoutDocument(parsed.docs[0]!);
  // the layout changes no content; were it ever to, the file is left alone rather than harmed
  const after = parseYaml(out).items.map((i) => i.value);
  if (!isDeepStrictEqual(after, before))
    throw new Error(`fmt: the layout of ${t.display} would change its content`);
  return { ...t, text: out, changed: !read.bytes.equals(Buffer.from(out, 'utf8')) };
}

async function fmtCommand(ctx: Context, files: string[], opts: FmtOptions): Promise<number> {
  const check = opts.check === true;
  const stack = await layoutStack();
  const { listData, walkDiagnostics } = stack;
  const diagnostics: Diagnostic[] = [];
  let targets: Target[];
  if (files.length > 0) targets = namedFiles(ctx, files);
  else {
    const listing = listData(nodeFs, ctx.dataDir, ctx.io.cwd, ctx.followLinks);
    diagnostics.push(...walkDiagnostics(listing, ctx.dataDir, ctx.io.cwd));
    targets = listing.files.map((f) => ({ abs: f.abs, display: displayPath(f.abs, ctx.io.cwd) }));
  }
  const laid = targets.map((t) => layOut(stack, t, diagnostics));
  // a file named on the command line that cannot be read is a usage error: nothing is written
  const unread = diagnostics.find((d) => exitCodeFor([d], false) === EXIT.usage);
  if (files.length > 0 && unread)
    throw new UserError(`cannot format ${sanitize(unread.file)}: ${message(unread)}`);
  const changed = laid.filter((l) => l.changed);
  if (!check)
    for (const l of changed) {
      try {
        writeAtomic(l.abs, l.text!);
      } catch (e) {
        throw new UserError(`cannot write ${sanitize(l.display)} (${errnoOf(e)})`);
      }
    }
  const code = Math.max(
    exitCodeFor(diagnostics, false),
    check && changed.length > 0 ? EXIT.data : EXIT.ok,
  );
  if (ctx.json) {
    const out = {
      check,
      files: laid
        .filter((l) => l.text !== null)
        .map((l) => ({ file: l.display, changed: l.changed })),
      diagnostics: diagnostics.map(toJson),
    };
    ctx.io.out(`${safeJson(out, ctx.io.stdoutIsTTY ? 2 : undefined)}\n`);
    return code;
  }
  for (const l of changed) ctx.io.out(`${check ? '' : 'formatted '}${sanitize(l.display)}\n`);
  if (diagnostics.length > 0)
    ctx.io.err(`${diagnostics.map((d) => formatDiagnostic(d)).join('\n')}\n`);
  return code;
}

export const fmt: CommandEntry = {
  names: ['fmt'],
  group: 'Write the data:',
  outputs: {
    fmt: jsonOutput(
      'minerals fmt --json',
      'each data file laid out, whether its layout changed (with --check: would change), and the problems of the files left as they are',
      async () => (await import('../schema/output-reports.js')).FmtResult,
      { list: false, fields: false },
    ),
  },
  register: (program, kit) => {
    const cmd = program
      .command('fmt')
      .argument(
        '[file...]',
        'data files to format (default: every data file of the data directory)',
      )
      .description(
        'write the data files in their canonical layout (key order, quoting, line width), comments and content kept',
      )
      .option('--check', 'write nothing; name the files whose layout differs, and exit 1 if any');
    kit.examples(cmd, [
      'minerals fmt --check',
      'minerals fmt --check --data ./my-base',
      "minerals fmt --check --json | jq -r '.files[] | select(.changed) | .file'",
    ]);
    cmd.action(async (files: string[], opts: FmtOptions, c: Command) =>
      kit.setExit(await fmtCommand(kit.context(c), files, opts)),
    );
  },
};
