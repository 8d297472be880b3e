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
import { readSourceFile } from './sources.js';
import { displayPath } from '../util/display.js';
import { walk, type FileEntry, type WalkProblem } from './walk.js';
import type { PathSeg } from '../schema/refs.js';
import { nodeAt, parseYaml, pathKey } from './yaml.js';

/** At most this many diagnostics are kept per file; one more says the rest were dropped. */
export const MAX_DIAGNOSTICS_PER_FILE = 100;

interface LoadedFile {
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

/** Where a record (or any part of it) stands in its file. */
export interface Location {
  file: LoadedFile;
  doc: number;
  path: PathSeg[];
}

interface LoadedRecord {
  record: FactRecord;
  at: Location;
}

/** Every item that names an id, valid or not: duplicates and references are checked against these. */
interface IdSite {
  id: string;
  kind: string | undefined;
  at: Location;
}

export interface SourceText {
  file: string;
  text: string;
}

/** What the walk of a data directory found: every data file, and the entries it could not use. */
export interface Listing {
  files: FileEntry[];
  problems: WalkProblem[];
}

/** One data file, read and parsed: its records with their places, and its own diagnostics. */
export interface FileLoad extends KnownRecords {
  entry: FileEntry;
  /** null when the file could not be read at all. */
  file: LoadedFile | null;
  located: LoadedRecord[];
  ids: IdSite[];
  diagnostics: Diagnostic[];
  /** No diagnostic of its own (whole-base checks aside), so its records can be reused as they are. */
  clean: boolean;
}

/** A fact base as read from its files: the records, where they stand, the source texts. */
export interface Base {
  dataDir: string;
  seedsDir: string;
  files: LoadedFile[];
  records: LoadedRecord[];
  ids: IdSite[];
  /** Stored text of each source record whose file could be read, by source id. */
  texts: Map<string, SourceText>;
  /** The problems of the files themselves: walk, read, YAML, schema, source texts. */
  diagnostics: Diagnostic[];
}

export interface LoadOptions {
  dataDir: string;
  seedsDir: string;
  fs?: Fs;
  cwd?: string;
  /** Called after each data file, for a progress display. */
  onFile?: (done: number, total: number, records: number) => void;
  /** --follow-links: follow symbolic links out of the data and seeds directories. */
  followLinks?: boolean;
}

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

/** The data files under `dataDir`; a missing or unreadable data directory is a DataDirError. */
export function listData(fs: Fs, dataDir: string, cwd: string, followLinks = false): Listing {
  try {
    if (!fs.statSync(dataDir).isDirectory())
      throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    return walk(fs, dataDir, followLinks);
  } catch (e) {
    throw new DataDirError(displayPath(dataDir, cwd), errnoOf(e));
  }
}

/** The diagnostics of the walk itself: entries named like data files that could not be used. */
export const walkDiagnostics = (listing: Listing, dataDir: string, cwd: string): Diagnostic[] =>
  listing.problems.map((p) =>
    makeDiagnostic(p.code, displayPath(path.join(dataDir, p.rel), cwd), 1, 1, p.args),
  );

/** Every item of a file that names an id: its records, where they stand. */
const idsOf = (located: readonly LoadedRecord[]): IdSite[] =>
  located.map(({ record, at }) => ({ id: record.id, kind: record.kind, at }));

/** Place records known from elsewhere (the cache) in their file; positions come on demand. */
function knownDataFile(fs: Fs, entry: FileEntry, cwd: string, known: KnownRecords): FileLoad {
  // positions are needed only if a whole-base check reports something here: read it again then
  const file = new LazyFile(entry.rel, displayPath(entry.abs, cwd), () => {
    const again = readCapped(fs, entry.abs);
    return again.ok ? decode(again.bytes).text : '';
  });
  const located = known.records.map((record, i) => ({
    record,
    at: { file, doc: 0, path: known.single ? [] : [i] },
  }));
  return { entry, file, ...known, located, ids: idsOf(located), diagnostics: [], clean: true };
}

/** Read, decode, parse and check one data file against the schema. */
function readDataFile(fs: Fs, entry: FileEntry, cwd: string): FileLoad {
  const display = displayPath(entry.abs, cwd);
  const read = readCapped(fs, entry.abs);
  if (!read.ok) {
    const diagnostics = [makeDiagnostic(read.code, display, 1, 1, read.args)];
    return {
      entry,
      file: null,
      records: [],
      single: false,
      located: [],
      ids: [],
      diagnostics,
      clean: false,
    };
  }
  const { text, problems: textProblems } = decode(read.bytes);
  const fast = textProblems.length === 0 ? fastRecords(text) : null;
  if (fast) {
    const file = new LazyFile(entry.rel, display, text);
    const located = fast.map((item) => ({
      record: item.record,
      at: { file, doc: item.doc, path: item.path },
    }));
    const ids = idsOf(located);
    const single = fast.length === 1 && fast[0]!.path.length === 0;
    return {
      entry,
      file,
      records: fast.map((i) => i.record),
      single,
      located,
      ids,
      diagnostics: [],
      clean: true,
    };
  }
  const fileDiags: Diagnostic[] = [];
  const located: LoadedRecord[] = [];
  const ids: IdSite[] = [];
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
        located.push({ record: result.data, at: loc });
        continue;
      }
      for (const prob of schemaProblems(RecordSchema, item.value, result.error.issues)) {
        if (parsed.reported.has(pathKey(item.doc, [...item.path, ...prob.path]))) continue;
        fileDiags.push(diagnosticAt(loc, prob.path, prob.code, prob.args, prob.atKey));
      }
    }
  }
  const single = located.length === 1 && located[0]!.at.path.length === 0;
  return {
    entry,
    file,
    records: located.map((r) => r.record),
    single,
    located,
    ids,
    diagnostics: capped(fileDiags),
    clean: fileDiags.length === 0,
  };
}

/** Where a base is, and whether links out of its directories are followed (--follow-links). */
export interface Dirs {
  dataDir: string;
  seedsDir: string;
  cwd: string;
  followLinks?: boolean | undefined;
}

/** The base made of loaded files, with the source texts their source records name. */
export function assembleBase(
  fs: Fs,
  dirs: Dirs,
  listing: Listing,
  loads: readonly FileLoad[],
): Base {
  const diagnostics = walkDiagnostics(listing, dirs.dataDir, dirs.cwd);
  const files: LoadedFile[] = [];
  const records: LoadedRecord[] = [];
  const ids: IdSite[] = [];
  for (const l of loads) {
    if (l.file) files.push(l.file);
    records.push(...l.located);
    ids.push(...l.ids);
    diagnostics.push(...l.diagnostics);
  }
  const texts = readSourceTexts(
    fs,
    records,
    dirs.seedsDir,
    dirs.cwd,
    diagnostics,
    dirs.followLinks === true,
  );
  diagnostics.sort(compareDiagnostics);
  return {
    dataDir: dirs.dataDir,
    seedsDir: dirs.seedsDir,
    files,
    records,
    ids,
    texts,
    diagnostics,
  };
}

/** Load a whole fact base from its files. */
export function loadBase(opts: LoadOptions): Base {
  const fs = opts.fs ?? nodeFs;
  const cwd = opts.cwd ?? process.cwd();
  const dirs = {
    dataDir: path.resolve(cwd, opts.dataDir),
    seedsDir: path.resolve(cwd, opts.seedsDir),
    cwd,
    followLinks: opts.followLinks,
  };
  const listing = listData(fs, dirs.dataDir, cwd, opts.followLinks);
  return assembleBase(fs, dirs, listing, readDataFiles(fs, listing, cwd, opts));
}

/**
 * Every data file of a listing, read and parsed, or placed from records known from elsewhere
 * (`known`: the cache's, for a file it holds unchanged and clean). `onFile` hears of the progress.
 */
export function readDataFiles(
  fs: Fs,
  listing: Listing,
  cwd: string,
  opts: DataFileOptions = {},
): FileLoad[] {
  return [...eachDataFile(fs, listing, cwd, opts)];
}

type DataFileOptions = Pick<LoadOptions, 'onFile'> & {
  known?: (entry: FileEntry) => KnownRecords | null;
};

/** The data files of a listing one at a time, as readDataFiles reads them: a caller may drop each. */
export function* eachDataFile(
  fs: Fs,
  listing: Listing,
  cwd: string,
  opts: DataFileOptions = {},
): Generator<FileLoad> {
  let records = 0;
  let done = 0;
  for (const entry of listing.files) {
    opts.onFile?.(done, listing.files.length, records);
    const known = opts.known?.(entry);
    const load = known ? knownDataFile(fs, entry, cwd, known) : readDataFile(fs, entry, cwd);
    records += load.located.length;
    done++;
    yield load;
  }
  opts.onFile?.(done, listing.files.length, records);
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
  followLinks = false,
): Map<string, SourceText> {
  const texts = new Map<string, SourceText>();
  for (const { record, at } of records) {
    if (record.kind !== 'source') continue;
    const read = readSourceFile(fs, seedsDir, record.file, followLinks);
    if (read.ok) texts.set(record.id, { file: record.file, text: read.text });
    else if (read.code === 'source-link-outside')
      out.push(diagnosticAt(at, ['file'], read.code, { file: record.file, target: read.target }));
    else if (read.errno === 'not UTF-8 text')
      out.push(diagnosticAt(at, ['file'], read.code, { file: record.file, errno: read.errno }));
    else
      out.push(
        diagnosticAt(at, ['file'], read.code, {
          file: record.file,
          dir: displayPath(seedsDir, cwd),
          errno: read.errno,
        }),
      );
  }
  return texts;
}
