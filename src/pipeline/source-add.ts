// `minerals source add`: a new source text stored under the seeds directory and its record
// appended to the data file of the sources, both or neither. The plan is made from the base as
// loaded (its ids with their places, its source records) and the files as they are; nothing is
// written until it is whole, and a write that fails takes back the one before it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import { EXIT, UserError } from '../errors.js';
import { type Base, diagnosticAt } from '../load/base.js';
import { errnoOf, readCapped } from '../load/read.js';
import { readSourceFile } from '../load/sources.js';
import { schemaProblems } from '../load/issues.js';
import { normalizedText } from '../load/text.js';
import {
  appendRecord,
  modeline,
  type NewSource,
  sourceRecordYaml,
} from '../render/source-record.js';
import { RECORD_SCHEMAS } from '../schema/records.js';
import { displayPath } from '../util/display.js';
import { describeType } from '../util/filetype.js';
import { writeReason } from '../util/reasons.js';
import { holdingSignals } from '../util/signals.js';
import { writeAtomic, writeNew } from '../util/write.js';

/** What `source add` will write: the text under a new name, and the data file with the record. */
export interface SourceAddPlan {
  /** The stored text: its file name in the seeds directory, where that is, and the text. */
  seedName: string;
  seedsDir: string;
  text: string;
  /** The data file the record goes to (absolute), its bytes now (null: it is made) and after. */
  recordFile: string;
  before: Buffer | null;
  after: Buffer;
  /** The line of the data file the record starts on. */
  line: number;
}

/** The first problem the Source schema finds in a new record (its file aside), or null. */
export function recordProblem(
  record: Omit<NewSource, 'file'>,
): { field: string; code: string; args: Record<string, unknown> } | null {
  // a file name that passes, so that only the fields given are judged
  const full = { ...record, file: 'x.txt' };
  const checked = RECORD_SCHEMAS.source.safeParse(full);
  if (checked.success) return null;
  const [p] = schemaProblems(RECORD_SCHEMAS.source, full, checked.error.issues);
  return { field: String(p!.path[0]), code: p!.code, args: p!.args };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A stored text's file name: the next number after the highest in use, and its hash's first 16 hex. */
function seedName(names: readonly string[], text: string): string {
  const numbers = names.flatMap((n) => /^(\d+)_/.exec(n)?.[1] ?? []).map(Number);
  const next = numbers.length === 0 ? 0 : Math.max(...numbers) + 1;
  return `${String(next).padStart(3, '0')}_${sha256(text).slice(0, 16)}.txt`;
}

/** The names in the seeds directory (none when it does not exist yet). */
function seedNames(seedsDir: string): string[] {
  try {
    return fs.readdirSync(seedsDir).sort();
  } catch (e) {
    if (errnoOf(e) === 'ENOENT') return [];
    throw new UserError(
      `cannot read the seeds directory ${seedsDir} (${writeReason(errnoOf(e))})`,
      EXIT.usage,
    );
  }
}

/** A record that already has the id: refused, naming where it stands. */
function checkNewId(base: Base, id: string): void {
  const site = base.ids.find((s) => s.id === id);
  if (!site) return;
  const at = diagnosticAt(site.at, ['id'], 'duplicate-id');
  throw new UserError(
    `id ${id} is already used by the ${site.kind ?? 'record'} at ${at.file}:${at.line}; choose another --id`,
    EXIT.data,
  );
}

/** The same text stored already (the same after normalising): refused, naming it and who cites it. */
function checkNewText(base: Base, names: readonly string[], text: string, cwd: string): void {
  const hash = sha256(text);
  for (const name of names) {
    const read = readSourceFile(fs, base.seedsDir, name);
    if (!read.ok) continue;
    const stored = normalizedText(read.text);
    if (!stored.ok || sha256(stored.text) !== hash) continue;
    const users = base.records.flatMap(({ record: r }) =>
      r.kind === 'source' && r.file === name ? [r.id] : [],
    );
    throw new UserError(
      `this text is stored already as ${displayPath(path.join(base.seedsDir, name), cwd)}${
        users.length > 0 ? `, the text of source ${users.join(', ')}` : ', which no source uses'
      }`,
      EXIT.data,
    );
  }
}

/** The data file of the sources: the one with the most source records, else sources.yaml. */
function sourcesFile(base: Base): string {
  const counts = new Map<string, number>();
  for (const { record, at } of base.records)
    if (record.kind === 'source') counts.set(at.file.rel, (counts.get(at.file.rel) ?? 0) + 1);
  let best: string | undefined;
  for (const [rel, n] of counts) if (best === undefined || n > counts.get(best)!) best = rel;
  return path.join(base.dataDir, best ?? 'sources.yaml');
}

/** The data file's bytes now: null when it does not exist; only a regular file is written. */
function currentBytes(file: string, cwd: string): Buffer | null {
  const shown = displayPath(file, cwd);
  const st = fs.lstatSync(file, { throwIfNoEntry: false });
  if (!st) return null;
  if (!st.isFile())
    throw new UserError(
      `${shown} is a ${describeType(st)}; source add appends only to a regular file`,
      EXIT.usage,
    );
  const read = readCapped(fs, file);
  if (!read.ok)
    throw new UserError(
      `cannot read ${shown} (${read.code === 'file-unreadable' ? read.args.errno : read.code})`,
      EXIT.usage,
    );
  return read.bytes;
}

/** The records of a YAML text, each document's list or single record, as plain data. */
function recordsOf(text: string): unknown[] | null {
  const docs = parseAllDocuments(text);
  if (!Array.isArray(docs) || docs.some((d) => d.errors.length > 0)) return null;
  return docs.flatMap((d) => {
    const v = d.toJS() as unknown;
    return v === null || v === undefined ? [] : Array.isArray(v) ? v : [v];
  });
}

/**
 * What adding the source writes. `record`: the record without its file; `text`: the stored text,
 * normalised. Refused (nothing written) when the id is taken, the text is stored already, or the
 * data file is not a regular file or would not read back as its records and the new one.
 */
export function planSourceAdd(
  base: Base,
  record: Omit<NewSource, 'file'>,
  text: string,
  cwd: string,
): SourceAddPlan {
  checkNewId(base, record.id);
  const names = seedNames(base.seedsDir);
  checkNewText(base, names, text, cwd);
  const name = seedName(names, text);
  const file = sourcesFile(base);
  const before = currentBytes(file, cwd);
  const old = before === null ? `${modeline()}\n` : before.toString('utf8');
  const yaml = sourceRecordYaml({ ...record, file: name });
  const { added, line } = appendRecord(old, yaml);
  // the file's own layout (a list indented, a single record) could make the text mean another
  // thing: it must read back as the records it had and the new one
  const had = recordsOf(old);
  const has = recordsOf(old + added);
  if (!had || JSON.stringify(has) !== JSON.stringify([...had, ...recordsOf(yaml)!]))
    throw new UserError(
      `cannot append the record to ${displayPath(file, cwd)}: it would not read back as its records and the new one (is it a list of records at the left margin?)`,
      EXIT.usage,
    );
  const after = Buffer.concat([before ?? Buffer.from(`${modeline()}\n`), Buffer.from(added)]);
  return { seedName: name, seedsDir: base.seedsDir, text, recordFile: file, before, after, line };
}

/** Why a write failed, as one line; exit 2. */
const cannotWrite = (file: string, e: unknown, cwd: string) =>
  new UserError(
    `cannot write ${displayPath(file, cwd)}: ${writeReason(errnoOf(e))}; nothing was written`,
    EXIT.usage,
  );

/** Remove a directory this run made, if it is there and empty again. */
function removeDir(dir: string): void {
  try {
    fs.rmdirSync(dir);
  } catch {
    // not made after all, or something else put a file there: left as it is
  }
}

/**
 * Write the plan: the text first, under its new name (never over a file), then the data file
 * atomically; if that fails the text is removed again, and the seeds directory if it was made.
 */
export function writeSourceAdd(plan: SourceAddPlan, cwd: string): void {
  // Ctrl-C between the two writes would leave the text without its record: held until both are done
  holdingSignals(() => {
    const made = !fs.existsSync(plan.seedsDir);
    const seed = path.join(plan.seedsDir, plan.seedName);
    try {
      if (made) fs.mkdirSync(plan.seedsDir);
      writeNew(seed, plan.text);
    } catch (e) {
      if (made) removeDir(plan.seedsDir);
      throw cannotWrite(seed, e, cwd);
    }
    try {
      writeAtomic(plan.recordFile, plan.after);
    } catch (e) {
      fs.rmSync(seed, { force: true });
      if (made) removeDir(plan.seedsDir);
      throw cannotWrite(plan.recordFile, e, cwd);
    }
  });
}
