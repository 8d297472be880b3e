// Diagnostics are data ({code, position, args}); this is the one module that words them.
import { EXIT } from './errors.js';
import { sanitize } from './util/sanitize.js';

export type Severity = 'error' | 'warning';

export interface Diagnostic {
  code: string;
  severity: Severity;
  /** Path as shown to the user (relative to the working directory when below it). */
  file: string;
  /** 1-based line and column; columns count characters (code points), not UTF-16 units. */
  line: number;
  col: number;
  args: Record<string, unknown>;
  /** The text of the offending line, for the excerpt under the message. */
  excerpt?: string;
}

/** Codes whose problem is reading the files rather than their content: exit 2, not 1. */
const IO_CODES = new Set([
  'file-unreadable',
  'file-vanished',
  'file-too-large',
  'too-many-tokens',
  'not-regular-file',
  'dir-unreadable',
  'link-outside',
  'special-file',
  'source-link-outside',
  'source-file-unreadable',
]);
const WARNING_CODES = new Set([
  'empty-file',
  'yaml-directive',
  'too-many-diagnostics',
  'modality-marker',
  'dir-link-outside',
]);

const severityOf = (code: string): Severity => (WARNING_CODES.has(code) ? 'warning' : 'error');
const isIoCode = (code: string): boolean => IO_CODES.has(code);

export function makeDiagnostic(
  code: string,
  file: string,
  line: number,
  col: number,
  args: Record<string, unknown> = {},
  excerpt?: string,
): Diagnostic {
  return {
    code,
    severity: severityOf(code),
    file,
    line,
    col,
    args,
    ...(excerpt === undefined ? {} : { excerpt }),
  };
}

const q = (v: unknown) => JSON.stringify(String(v));
const list = (v: unknown) => (Array.isArray(v) ? v.map((x) => q(x)).join(', ') : '');
/** At most this many other records of a knot of cycles are named in its message (all are in its args). */
const OTHERS_SHOWN = 10;
/** A cycle's records with where each link is written, back to the first: `a (f:1:2) -> b (f:3:4) -> a`. */
const chainText = (a: Record<string, unknown>): string => {
  const chain = Array.isArray(a.chain) ? (a.chain as Array<{ id: unknown; at: unknown }>) : [];
  const others = Array.isArray(a.others) ? a.others.map(String) : [];
  const more = others.length - OTHERS_SHOWN;
  const rest =
    others.length === 0
      ? ''
      : `; also caught in cycles with it: ${others.slice(0, OTHERS_SHOWN).join(', ')}${more > 0 ? ` and ${more} more` : ''}`;
  return `${[...chain.map((c) => `${c.id} (${c.at})`), a.id].join(' -> ')}${rest}`;
};
const didYouMean = (v: unknown) =>
  Array.isArray(v) && v.length > 0 ? ` (did you mean ${list(v)}?)` : '';

/** The sentence for a diagnostic. Unknown codes fall back to their args so nothing is lost. */
export function message(d: Pick<Diagnostic, 'code' | 'args'>): string {
  const a = d.args;
  switch (d.code) {
    case 'file-unreadable':
      return `cannot read file (${a.errno})`;
    case 'file-vanished':
      return 'file disappeared while it was being read';
    case 'file-too-large':
      return `file is ${a.size} bytes, over the limit of ${a.limit} bytes; split it into smaller files`;
    case 'not-regular-file':
      return `not a regular file (${a.type}); skipped without reading`;
    case 'link-outside':
      return `symbolic link to ${a.target}, outside the data directory; not read (--follow-links reads it)`;
    case 'dir-link-outside':
      return `symbolic link to the directory ${a.target}, outside the data directory; not entered (--follow-links enters it)`;
    case 'special-file':
      return `leads to ${a.target}, on a filesystem of pseudo-files (such as /proc, /sys or /dev); never read`;
    case 'dir-unreadable':
      return `cannot list directory (${a.errno})`;
    case 'not-utf8':
      return 'file is not valid UTF-8 (invalid byte here); save it as UTF-8';
    case 'nul-byte':
      return 'NUL byte in file; fact files are text';
    case 'bom-mid-file':
      return 'byte-order mark (U+FEFF) inside the file; it is only allowed as the very first character';
    case 'lone-cr':
      return 'carriage return without a line feed; use \\n or \\r\\n line endings';
    case 'too-deep':
      return `nesting deeper than ${a.limit} levels; fact files need only a few`;
    case 'too-many-tokens':
      return `file has more than ${Number(a.limit).toLocaleString('en-US')} YAML tokens; split it into smaller files`;
    case 'too-many-diagnostics':
      return `more than ${a.limit} problems in this file; the rest are not shown`;
    case 'yaml-alias':
      return `YAML alias ${q(a.alias)} is not allowed in fact files (aliases are never expanded); write the value out`;
    case 'yaml-tag':
      return `YAML tag ${q(a.tag)} is not allowed in fact files; remove it`;
    case 'yaml-directive':
      return `%YAML ${a.version} header ignored: fact files are always read as YAML 1.2 (core schema)`;
    case 'multiple-documents':
      return 'several YAML documents in one file; put one list of records in each file';
    case 'empty-file':
      return 'file holds no records';
    case 'not-records':
      return `file must hold a record (a mapping) or a list of records, not ${a.type}`;
    case 'record-not-mapping':
      return `each item of the list must be a record (a mapping), not ${a.type}`;
    case 'non-finite-number':
      return `${a.text ? q(a.text) : 'number'} is not a finite number`;
    case 'unsafe-integer':
      return `integer ${a.text} is too large to store exactly (limit ±9007199254740991); quote it or use a scale`;
    case 'unknown-key':
      return `unknown key ${q(a.key)}${a.in ? ` in ${a.in}` : ''}${didYouMean(a.suggestions)}`;
    case 'missing-key':
      return `missing required key ${q(a.key)}${a.in ? ` in ${a.in}` : ''}`;
    case 'wrong-type':
      return `expected ${a.expected}, found ${a.received}`;
    case 'bad-enum':
      return `${q(a.value)} is not one of ${list(a.options)}${didYouMean(a.suggestions)}`;
    case 'unknown-kind':
      return `unknown kind ${q(a.value)}; expected one of ${list(a.options)}${didYouMean(a.suggestions)}`;
    case 'bad-id':
      return `${q(a.value)} is not a valid id: use lower-case letters, digits and single hyphens (e.g. "erg-mitsubishi")`;
    case 'empty-text':
      return 'text must not be empty';
    case 'text-too-long':
      return 'text is too long';
    case 'bad-seed-file':
      return `${q(a.value)} is not a plain file name inside the seeds directory`;
    case 'bad-iso2':
      return `${q(a.value)} is not an ISO 3166 alpha-2 code (two capital letters)`;
    case 'bad-symbol':
      return `${q(a.value)} is not a chemical symbol`;
    case 'bad-url':
      return `${q(a.value)} is not an http or https URL`;
    case 'no-commodities':
      return 'list at least one commodity';
    case 'no-parties':
      return 'a deal needs at least one party';
    case 'claim-without-citation':
      return 'a claim needs at least one citation';
    case 'date-format':
      return `${q(a.value)} is not an ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD)`;
    case 'date-unquoted':
      return `write the year as text: '${a.value}' (in quotes); YAML reads a bare ${a.value} as a number`;
    case 'date-invalid':
      return `${q(a.value)} is not a real calendar date`;
    case 'date-empty':
      return 'a date needs "on", or "start" and/or "end"';
    case 'date-on-and-interval':
      return 'a date has either "on" or an interval ("start"/"end"), not both';
    case 'date-order':
      return `interval ends (${a.end}) before it starts (${a.start})`;
    case 'inferred-without-reason':
      return 'an inferred date needs a "reason"';
    case 'range-needs-low-high':
      return 'bound "range" needs both "low" and "high"';
    case 'range-with-value':
      return 'bound "range" takes "low" and "high", not "value"';
    case 'range-order':
      return `range low (${a.low}) is above high (${a.high})`;
    case 'quantity-needs-value':
      return 'quantity needs a "value"';
    case 'low-high-without-range':
      return '"low" and "high" go with bound "range"';
    case 'claim-value-count':
      return `a claim has exactly one of "quantity", "date", "ref", "text"${
        Array.isArray(a.present) && a.present.length > 0 ? ` (found ${list(a.present)})` : ''
      }`;
    case 'claim-date-modality':
      return `a claim says its modality itself: write "modality: ${a.modality}" on the claim, not in its date`;
    case 'modality-marker':
      return `quote says ${q(a.marker)} but the claim is actual; mark its modality (${list(a.expected)}), or write "modality: actual" if the figure holds now`;
    case 'deprecated-without-reason':
      return 'a deprecated claim needs a "rank_reason"';
    case 'duplicate-id':
      return `duplicate id ${q(a.id)}; first defined at ${a.first}`;
    case 'parent-cycle':
      return `the ${a.field} chain of ${a.kind} ${q(a.id)} comes back to it: ${chainText(a)}`;
    case 'group-cycle':
      return `commodity ${q(a.id)} is a member of itself through its groups: ${chainText(a)}`;
    case 'unknown-ref':
      return `no record has id ${q(a.id)}${didYouMean(a.suggestions)}`;
    case 'ref-kind':
      return `${q(a.id)} is ${/^[aeiou]/.test(String(a.kind)) ? 'an' : 'a'} ${a.kind}, but ${a.field} must refer to ${a.expected === undefined ? 'another kind' : `${/^[aeiou]/.test(String(a.expected)) ? 'an' : 'a'} ${a.expected}`}`;
    case 'quote-not-found':
      return `quote does not occur in the text of source ${q(a.source)} (${a.file})${
        a.nearest ? `; nearest text: ${q(a.nearest)}` : ''
      }`;
    case 'source-file-missing':
      return `source text ${q(a.file)} not found in ${a.dir}`;
    case 'source-link-outside':
      return `source text ${q(a.file)} is a symbolic link to ${a.target}, outside the seeds directory; not read (--follow-links reads it)`;
    case 'source-file-unreadable':
      return `cannot read source text ${q(a.file)} (${a.errno})`;
    case 'body-text-not-found':
      return `body rule text ${q(a.text)} does not occur in the text of source ${q(a.source)} (${a.file})`;
    case 'hedge-bound':
      return `quote says ${q(a.hedge)} but the bound is ${q(a.bound)}; use ${list(a.expected)}`;
    case 'unit-property':
      return `unit ${q(a.unit)} does not fit property ${q(a.property)} (it takes ${a.allowed})`;
    case 'value-property':
      return `property ${q(a.property)} takes a ${a.expected} value, not a ${a.found}`;
    case 'invalid':
      return String(a.detail ?? 'invalid value');
    default:
      if (d.code.startsWith('yaml-')) return `YAML: ${a.detail ?? d.code}`;
      return `${d.code}${a.detail ? `: ${a.detail}` : ''}`;
  }
}

/** Compare by file, then position, then code: the order every report uses. */
export function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  return a.line - b.line || a.col - b.col || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
}

/** `file:line:col: severity code: message`, then the line and a caret under the column. */
export function formatDiagnostic(
  d: Diagnostic,
  paint: (s: string, sev: Severity) => string = (s) => s,
): string {
  const head = `${sanitize(d.file)}:${d.line}:${d.col}: ${paint(`${d.severity} ${d.code}`, d.severity)}: ${sanitize(message(d))}`;
  if (d.excerpt === undefined) return head;
  const { text, caret } = excerptWindow([...d.excerpt], d.col - 1);
  const gutter = String(d.line).padStart(5);
  const caretPad = ' '.repeat([...sanitize(text.slice(0, caret).join(''))].length);
  return `${head}\n${gutter} | ${sanitize(text.join(''))}\n${' '.repeat(gutter.length)} | ${caretPad}^`;
}

/** At most this many characters of the offending line are shown on each side of the column. */
const EXCERPT_RADIUS = 60;

/** The part of a long line around the column, with "…" where it was cut, and the caret's index in it. */
function excerptWindow(chars: string[], col: number): { text: string[]; caret: number } {
  if (chars.length <= EXCERPT_RADIUS * 2) return { text: chars, caret: col };
  const from = Math.max(0, col - EXCERPT_RADIUS);
  const to = Math.min(chars.length, col + 1 + EXCERPT_RADIUS);
  const text = [
    ...(from > 0 ? ['…'] : []),
    ...chars.slice(from, to),
    ...(to < chars.length ? ['…'] : []),
  ];
  return { text, caret: col - from + (from > 0 ? 1 : 0) };
}

export function toJson(d: Diagnostic) {
  return {
    file: d.file,
    line: d.line,
    col: d.col,
    severity: d.severity,
    code: d.code,
    message: message(d),
    args: d.args,
  };
}

/** validate's exit code: 2 when a file could not be read, 1 for errors (or warnings with strict). */
export function exitCodeFor(diags: readonly Diagnostic[], strict: boolean): number {
  if (diags.some((d) => d.severity === 'error' && isIoCode(d.code))) return EXIT.usage;
  if (diags.some((d) => d.severity === 'error' || (strict && d.severity === 'warning')))
    return EXIT.data;
  return EXIT.ok;
}
