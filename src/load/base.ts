// Loads a whole fact base: walk, read, decode, parse, validate each record against the schema,
// and read the stored source texts. Every problem becomes a located diagnostic; nothing throws
// for anything a data file can contain.
import nodeFs from 'node:fs';
import path from 'node:path';
import type { Document } from 'yaml';
import type { Diagnostic } from '../diagnostics.js';
import { compareDiagnostics, makeDiagnostic } from '../diagnostics.js';
import { DataDirError } from '../errors.js';
import { RecordSchema, type FactRecord } from '../schema/index.js';
import { schemaProblems } from './issues.js';
import { Positions } from './position.js';
import { errnoOf, readCapped, type Fs } from './read.js';
import { decode } from './text.js';
import { fastParse } from './fast.js';
import { displayPath } from './display.js';
import { walk, type FileEntry, type WalkProblem } from './walk.js';
import { nodeAt, parseYaml, pathKey, type PathSeg } from './yaml.js';

/** At most this many diagnostics are kept per file; one more says the rest were dropped. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

export interface LoadedFile {
  rel: string;
  /** The path as shown in diagnostics. */
  display: string;
  positions: Positions;
  docs: Document.Parsed[];
}

/**
 * A file read by the fast path: line positions and yaml documents (with source ranges, for
 * locating a diagnostic) are built only when a whole-base check reports something in it.
 */
class LazyFile implements LoadedFile {
  private pos: Positions | undefined;
  private parsed: Document.Parsed[] | undefined;
  private content: string | undefined;
  constructor(
    readonly rel: string,
    readonly display: string,
    /** The text, or how to read it again (a file whose records came from the cache). */
    private readonly source: string | (() => string),
  ) {}
  private get text(): string {
    return (this.content ??= typeof this.source === 'string' ? this.source : this.source());
  }
  get positions(): Positions {
    return (this.pos ??= new Positions(this.text));
  }
  get docs(): Document.Parsed[] {
    return (this.parsed ??= parseYaml(this.text).docs);
  }
}

/** The records of a file, and whether it holds one record (a mapping) rather than a list. */
export interface KnownRecords {
  records: FactRecord[];
  single: boolean;
}

/** What loading did with one data file, for the cache. */
export interface FileResult extends KnownRecords {
  entry: FileEntry;
  /** No diagnostic of its own (whole-base checks aside), so its records can be reused as they are. */
  clean: boolean;
}

/** Where a record (or any part of it) stands in its file. */
export interface Location {
  file: LoadedFile;
  doc: number;
  path: PathSeg[];
}

export interface LoadedRecord {
  record: FactRecord;
  at: Location;
}

/** Every item that names an id, valid or not: duplicates and references are checked against these. */
export interface IdSite {
  id: string;
  kind: string | undefined;
  at: Location;
}

export interface SourceText {
  file: string;
  text: string;
}

export interface Base {
  dataDir: string;
  seedsDir: string;
  files: LoadedFile[];
  records: LoadedRecord[];
  ids: IdSite[];
  /** Stored text of each source record whose file could be read, by source id. */
  texts: Map<string, SourceText>;
  diagnostics: Diagnostic[];
  /** Per data file read, in order: its records and whether it was clean. */
  results: FileResult[];
  /** What the walk of the data directory found: every data file, and the entries it could not use. */
  walked: { files: FileEntry[]; problems: WalkProblem[] };
}

export interface LoadOptions {
  dataDir: string;
  seedsDir: string;
  fs?: Fs;
  cwd?: string;
  /** The records of a clean file known from an earlier load (the cache), or null to read it. */
  reuse?: (entry: FileEntry) => KnownRecords | null;
  /** Read only these data files (by path relative to the data directory); the walk still lists all. */
  only?: ReadonlySet<string>;
  /** Called after each data file, for a progress display. */
  onFile?: (done: number, total: number, records: number) => void;
}

export { displayPath };

/** A diagnostic at a path inside a loaded file (the key itself when `atKey`). */
export function diagnosticAt(
  at: Location,
  sub: readonly PathSeg[],
  code: string,
  args: Record<string, unknown> = {},
  atKey = false,
): Diagnostic {
  const { file } = at;
  const doc = file.docs[at.doc];
  let offset = 0;
  if (doc) {
    const { node, key } = nodeAt(doc, [...at.path, ...sub]);
    const target = atKey && key ? key : node;
    offset = (target as { range?: [number, number, number] } | null)?.range?.[0] ?? 0;
  }
  const { line, col } = file.positions.at(offset);
  return makeDiagnostic(code, file.display, line, col, args, file.positions.line(line));
}

export function loadBase(opts: LoadOptions): Base {
  const fs = opts.fs ?? nodeFs;
  const cwd = opts.cwd ?? process.cwd();
  const dataDir = path.resolve(cwd, opts.dataDir);
  const seedsDir = path.resolve(cwd, opts.seedsDir);
  let listing;
  try {
    if (!fs.statSync(dataDir).isDirectory())
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    listing = walk(fs, dataDir);
  } catch (e) {
    throw new DataDirError(displayPath(dataDir, cwd), errnoOf(e));
  }

  const diagnostics: Diagnostic[] = [];
  for (const p of listing.problems)
    diagnostics.push(
      makeDiagnostic(p.code, displayPath(path.join(dataDir, p.rel), cwd), 1, 1, p.args),
    );

  const files: LoadedFile[] = [];
  const records: LoadedRecord[] = [];
  const ids: IdSite[] = [];
  const results: FileResult[] = [];
  let done = 0;
  for (const entry of listing.files) {
    if (opts.only && !opts.only.has(entry.rel)) continue;
    opts.onFile?.(done++, listing.files.length, records.length);
    const display = displayPath(entry.abs, cwd);
    const known = opts.reuse?.(entry);
    if (known) {
      // positions are needed only if a whole-base check reports something here: read it again then
      const file = new LazyFile(entry.rel, display, () => {
        const again = readCapped(fs, entry.abs);
        return again.ok ? decode(again.bytes).text : '';
      });
      known.records.forEach((record, i) => {
        const loc: Location = { file, doc: 0, path: known.single ? [] : [i] };
        ids.push({ id: record.id, kind: record.kind, at: loc });
        records.push({ record, at: loc });
      });
      files.push(file);
      results.push({ entry, ...known, clean: true });
      continue;
    }
    const read = readCapped(fs, entry.abs);
    if (!read.ok) {
      diagnostics.push(makeDiagnostic(read.code, display, 1, 1, read.args));
      continue;
    }
    const { text, problems: textProblems } = decode(read.bytes);
    const fast = textProblems.length === 0 ? fastRecords(text) : null;
    if (fast) {
      const file = new LazyFile(entry.rel, display, text);
      for (const item of fast) {
        const loc: Location = { file, doc: item.doc, path: item.path };
        ids.push({ id: item.record.id, kind: item.record.kind, at: loc });
        records.push({ record: item.record, at: loc });
      }
      files.push(file);
      results.push({
        entry,
        records: fast.map((i) => i.record),
        single: fast.length === 1 && fast[0]!.path.length === 0,
        clean: true,
      });
      continue;
    }
    const fileDiags: Diagnostic[] = [];
    const recordsBefore = records.length;
    const positions = new Positions(text);
    const file: LoadedFile = { rel: entry.rel, display, positions, docs: [] };
    const at = (code: string, offset: number, args: Record<string, unknown> = {}) => {
      const { line, col } = positions.at(offset);
      fileDiags.push(makeDiagnostic(code, display, line, col, args, positions.line(line)));
    };
    for (const p of textProblems) at(p.code, p.offset);
    if (textProblems.length === 0) {
      const parsed = parseYaml(text, MAX_DIAGNOSTICS_PER_FILE + 1);
      file.docs = parsed.docs;
      for (const p of parsed.problems) at(p.code, p.offset, p.args);
      for (const item of parsed.items) {
        const loc: Location = { file, doc: item.doc, path: item.path };
        const raw = item.value as { id?: unknown; kind?: unknown };
        if (typeof raw.id === 'string')
          ids.push({
            id: raw.id,
            kind: typeof raw.kind === 'string' ? raw.kind : undefined,
            at: loc,
          });
        const result = RecordSchema.safeParse(item.value);
        if (result.success) {
          records.push({ record: result.data, at: loc });
          continue;
        }
        for (const prob of schemaProblems(RecordSchema, item.value, result.error.issues)) {
          if (parsed.reported.has(pathKey(item.doc, [...item.path, ...prob.path]))) continue;
          fileDiags.push(diagnosticAt(loc, prob.path, prob.code, prob.args, prob.atKey));
        }
      }
    }
    files.push(file);
    diagnostics.push(...capped(fileDiags));
    const own = records.slice(recordsBefore).map((r) => r.record);
    results.push({
      entry,
      records: own,
      single: own.length === 1 && records[recordsBefore]!.at.path.length === 0,
      clean: fileDiags.length === 0,
    });
  }
  opts.onFile?.(done, listing.files.length, records.length);

  const texts = readSourceTexts(fs, records, seedsDir, cwd, diagnostics);
  diagnostics.sort(compareDiagnostics);
  return { dataDir, seedsDir, files, records, ids, texts, diagnostics, results, walked: listing };
}

/**
 * The records of a file when the fast path reads it and every record fits the schema; null when
 * the strict path must read it (to report its problems where they are).
 */
function fastRecords(
  text: string,
): Array<{ record: FactRecord; doc: number; path: PathSeg[] }> | null {
  const items = fastParse(text);
  if (!items) return null;
  const out: Array<{ record: FactRecord; doc: number; path: PathSeg[] }> = [];
  for (const item of items) {
    const result = RecordSchema.safeParse(item.value);
    if (!result.success) return null;
    out.push({ record: result.data, doc: item.doc, path: item.path });
  }
  return out;
}

function capped(diags: Diagnostic[]): Diagnostic[] {
  if (diags.length <= MAX_DIAGNOSTICS_PER_FILE) return diags;
  diags.sort(compareDiagnostics);
  const kept = diags.slice(0, MAX_DIAGNOSTICS_PER_FILE);
  const last = diags[MAX_DIAGNOSTICS_PER_FILE]!;
  kept.push(
    makeDiagnostic(
      'too-many-diagnostics',
      last.file,
      last.line,
      last.col,
      { limit: MAX_DIAGNOSTICS_PER_FILE },
      last.excerpt,
    ),
  );
  return kept;
}

function readSourceTexts(
  fs: Fs,
  records: LoadedRecord[],
  seedsDir: string,
  cwd: string,
  out: Diagnostic[],
): Map<string, SourceText> {
  const texts = new Map<string, SourceText>();
  for (const { record, at } of records) {
    if (record.kind !== 'source') continue;
    const abs = path.join(seedsDir, record.file);
    const read = readCapped(fs, abs);
    if (!read.ok) {
      const missing = read.code === 'file-vanished';
      out.push(
        diagnosticAt(at, ['file'], missing ? 'source-file-missing' : 'source-file-unreadable', {
          file: record.file,
          dir: displayPath(seedsDir, cwd),
          errno: read.code === 'file-unreadable' ? read.args.errno : read.code,
        }),
      );
      continue;
    }
    const { text, problems } = decode(read.bytes);
    if (problems.some((p) => p.code === 'not-utf8' || p.code === 'nul-byte')) {
      out.push(
        diagnosticAt(at, ['file'], 'source-file-unreadable', {
          file: record.file,
          errno: 'not UTF-8 text',
        }),
      );
      continue;
    }
    texts.set(record.id, { file: record.file, text });
  }
  return texts;
}
