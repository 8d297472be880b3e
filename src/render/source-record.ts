// A new source record as the text `minerals source add` appends to a data file: in the shipped
// data's style (data/sources.yaml), so that the rest of the file stays byte for byte as it was.
import { Scalar, stringify } from 'yaml';

/** The fields of a new source record, in the order the shipped data writes them. */
export interface NewSource {
  id: string;
  kind: 'source';
  name: string;
  title: string;
  authors?: string[];
  publisher?: string;
  url?: string;
  published?: string;
  language?: string;
  file: string;
}

/** The order of the fields in the shipped data. */
const ORDER: ReadonlyArray<keyof NewSource> = [
  'id',
  'kind',
  'name',
  'title',
  'authors',
  'publisher',
  'url',
  'published',
  'language',
  'file',
];

/**
 * The record as one item of a block list, its fields in the shipped data's order: plain scalars
 * where YAML allows them, else quoted; the date single-quoted as the shipped data writes dates (a
 * bare 2025 would be a number); no line folded.
 */
export function sourceRecordYaml(r: NewSource): string {
  const item: Record<string, unknown> = {};
  for (const key of ORDER) if (r[key] !== undefined) item[key] = r[key];
  if (r.published !== undefined)
    item.published = Object.assign(new Scalar(r.published), { type: Scalar.QUOTE_SINGLE });
  return stringify([item], { lineWidth: 0 });
}

/**
 * What to append to a data file's `content` for `record`: a line break after its last line if it
 * has none, a blank line between records as the shipped data has, the record, each line ending
 * as the file's lines do (CRLF or LF); and the 1-based line the record starts on.
 */
export function appendRecord(content: string, record: string): { added: string; line: number } {
  let added = '';
  if (content !== '' && !content.endsWith('\n')) added += '\n';
  const joined = content + added;
  if (joined !== '' && !/\n\r?\n$/.test(joined) && !isListStart(joined)) added += '\n';
  const line = ((content + added).match(/\n/g)?.length ?? 0) + 1;
  added += record;
  return { added: content.includes('\r\n') ? added.replace(/\r?\n/g, '\r\n') : added, line };
}

/** A file of nothing but comments and blank lines, or of `---`: no record before the new one. */
const isListStart = (text: string) => /^(?:[ \t]*(?:#.*)?\r?\n|---\r?\n)*$/.test(text);

/** What a data file starts with when it is created: the modeline an editor's YAML server reads. */
export const modeline = (schema = './schema.json') => `# yaml-language-server: $schema=${schema}\n`;
