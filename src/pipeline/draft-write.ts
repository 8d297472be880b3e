// `minerals draft --write FILE`: the drafted claims about records of the base appended under those
// records in their own files (lines only inserted), the new records appended to FILE (created when
// it does not exist, inside the data directory only). Every new text is made and read back before
// any is written; a write that fails puts back the files already written.
import fs from 'node:fs';
import path from 'node:path';
import { isSeq, parseAllDocuments } from 'yaml';
import { EXIT, UserError } from '../errors.js';
import { readCapped } from '../load/read.js';
import { isDataFileName, walk } from '../load/walk.js';
import type { Draft } from '../query/draft.js';
import { AppendError, appendClaims, byRecord, stubItem } from '../render/draft.js';
import { appendRecord, modeline } from '../render/source-record.js';
import { realPath } from '../util/places.js';
import { sanitize } from '../util/sanitize.js';
import { writeAtomic } from '../util/write.js';

/** Where the command runs: the working directory (FILE is relative to it) and the base. */
interface Where {
  cwd: string;
  dataDir: string;
  followLinks: boolean;
}

/** FILE of --write, checked: a data file name, inside the data directory, a regular file if it exists. */
function writeTarget(ctx: Where, target: string): { abs: string; exists: boolean } {
  const abs = path.resolve(ctx.cwd, target);
  const shown = sanitize(target);
  if (!isDataFileName(path.basename(abs)))
    throw new UserError(
      `--write ${shown}: not a data file name (it must end in .yaml or .yml and not start with a dot)`,
      EXIT.usage,
    );
  const dataReal = realPath(ctx.dataDir);
  const parentReal = realPath(path.dirname(abs));
  if (parentReal === null)
    throw new UserError(
      `--write ${shown}: no such directory: ${sanitize(path.dirname(target))}`,
      EXIT.usage,
    );
  const rel = dataReal === null ? '..' : path.relative(dataReal, parentReal);
  if (rel.startsWith('..') || path.isAbsolute(rel))
    throw new UserError(
      `--write ${shown}: outside the data directory ${sanitize(ctx.dataDir)}; drafts are written only into the data`,
      EXIT.usage,
    );
  const st = fs.lstatSync(abs, { throwIfNoEntry: false });
  if (st && !st.isFile())
    throw new UserError(
      `--write ${shown}: not a regular file (${st.isSymbolicLink() ? 'a symbolic link' : st.isDirectory() ? 'a directory' : 'a special file'}); nothing written`,
      EXIT.usage,
    );
  return { abs, exists: st !== undefined };
}

/** A data file's text, read as the loader reads it (capped, regular files only). */
function readData(abs: string, shown: string): string {
  const r = readCapped(fs, abs);
  if (!r.ok)
    throw new UserError(`cannot read ${sanitize(shown)} (${r.code}); nothing written`, EXIT.usage);
  return r.bytes.toString('utf8');
}

/**
 * --write: the claims about records of the base appended to those records in their own files, the
 * new records appended to FILE (created when it does not exist). Every text is made and checked
 * before any is written; a write that fails puts back the files already written.
 */
export function writeDraft(ctx: Where, d: Draft, target: string): string {
  const { abs, exists } = writeTarget(ctx, target);
  const show = (file: string) => path.relative(ctx.cwd, file) || file;
  const groups = byRecord(d);
  // each record's claims appended in the file that holds it: one parse a file, until all are found
  const pending = new Map(groups.filter(([, c]) => !c[0]!.record.stub));
  const where = new Map<string, string>();
  const texts = new Map<string, string>();
  const changed = new Map<string, string>();
  for (const f of walk(fs, ctx.dataDir, ctx.followLinks).files) {
    if (pending.size === 0) break;
    const text = readData(f.abs, show(f.abs));
    let appended: ReturnType<typeof appendClaims>;
    try {
      appended = appendClaims(text, pending);
    } catch (e) {
      if (e instanceof AppendError)
        throw new UserError(`${sanitize(show(f.abs))}: ${e.message}; nothing written`, EXIT.usage);
      throw e;
    }
    if (appended.found.length === 0) continue;
    texts.set(f.abs, text);
    changed.set(f.abs, appended.text);
    for (const id of appended.found) {
      where.set(id, f.abs);
      pending.delete(id);
    }
  }
  const missing = [...pending.keys()][0];
  if (missing !== undefined)
    throw new UserError(`record ${missing} is in no data file; nothing written`, EXIT.usage);
  const summary = groups.flatMap(([id, claims]) => {
    const file = where.get(id);
    return file === undefined
      ? []
      : [`${show(file)}: ${claims.length} ${claims.length === 1 ? 'claim' : 'claims'} under ${id}`];
  });
  const stubs = groups.filter(([, c]) => c[0]!.record.stub);
  if (stubs.length > 0) {
    const before = changed.get(abs) ?? (exists ? readData(abs, target) : null);
    if (before !== null && before.trim() !== '') {
      const top = parseAllDocuments(before)[0];
      if (!top || !('contents' in top) || (top.contents !== null && !isSeq(top.contents)))
        throw new UserError(
          `--write ${sanitize(target)}: it does not hold a list of records, so records cannot be appended; nothing written`,
          EXIT.usage,
        );
    }
    // a new file: the modeline (the schema beside the data) and what it holds, then the records
    const schema = path.relative(path.dirname(abs), path.join(ctx.dataDir, 'schema.json'));
    const head =
      before === null || before.trim() === ''
        ? `${modeline(schema.split(path.sep).join('/'))}# Records drafted by \`minerals draft\`: check each, then keep or fold into the other files.\n\n`
        : before;
    const items = stubs.map(([, c]) => stubItem(c[0]!.record.stub!, c).join('\n'));
    changed.set(abs, head + appendRecord(head, `${items.join('\n\n')}\n`).added);
    summary.push(
      `${show(abs)}: ${stubs.length} new ${stubs.length === 1 ? 'record' : 'records'} (${stubs.map(([id]) => id).join(', ')}) with ${stubs.reduce((n, [, c]) => n + c.length, 0)} claims`,
    );
  }
  // every new text must read back as YAML before anything is written
  for (const [file, text] of changed)
    for (const doc of parseAllDocuments(text))
      if ('errors' in doc && doc.errors.length > 0)
        throw new UserError(
          `${sanitize(show(file))}: the draft would not read back as YAML (${doc.errors[0]!.message}); nothing written`,
          EXIT.usage,
        );
  const done: Array<[string, string | null]> = [];
  try {
    for (const [file, text] of changed) {
      const old = texts.get(file) ?? (fs.existsSync(file) ? readData(file, show(file)) : null);
      writeAtomic(file, text);
      done.push([file, old]);
    }
  } catch (e) {
    for (const [file, old] of done.reverse())
      if (old === null) fs.rmSync(file, { force: true });
      else writeAtomic(file, old);
    const code = (e as { code?: string }).code ?? 'EIO';
    throw new UserError(`could not write the draft (${code}); nothing written`, EXIT.usage);
  }
  return changed.size === 0
    ? d.skipped.length === 0
      ? 'nothing to write: claims hold every figure of the source as a value\n'
      : `nothing to write: no claim could be drafted for the ${d.skipped.length === 1 ? 'figure' : `${d.skipped.length} figures`} no claim holds (run without --write to see why)\n`
    : `wrote ${d.claims.length} drafted ${d.claims.length === 1 ? 'claim' : 'claims'}:\n${summary.map((l) => `  ${sanitize(l)}\n`).join('')}check them, then run \`minerals validate\` and \`minerals fmt\`\n`;
}
