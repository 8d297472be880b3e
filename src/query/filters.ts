// The filters of the list commands: an option, what it accepts, and the predicate it becomes
// once the base is open. A filter that names records says which kinds (for resolution and for
// completion); one with a closed vocabulary lists its values (checked when the option is parsed,
// and offered by completion). Pure: no I/O, no printing.
import { EXIT, UserError } from '../errors.js';
import type { FactRecord } from '../schema/index.js';
import { type Kind, MODALITIES } from '../schema/vocab.js';
import { claimModality } from './values.js';
import { claimMeets, parseWhere, WHERE_HELP } from './where.js';
import type { FactIndex } from './facts.js';
import { resolve } from './resolve.js';

export interface FilterSpec<R> {
  /** The option as commander takes it: `--status <status>`. */
  flag: string;
  /** The option's key in the parsed options (`saidBy` for --said-by). */
  key: string;
  help: string;
  /** The kinds of record its value names (resolved by id, name, alias or symbol). */
  kinds?: readonly Kind[];
  /** Its closed vocabulary, when it has one. */
  values?: readonly string[];
  /** Given more than once, a record must pass for every value (--where); commas are not lists. */
  all?: boolean;
  /** Checks a value when the option is parsed, before any data is read (a usage error, exit 2). */
  check?: (value: string) => void;
  /** The predicate for a value; a UserError (exit 2) when the value names nothing. */
  build: (index: FactIndex, value: string) => (r: R) => boolean;
  /**
   * The commodities a value keeps, when the filter is by commodity: a cached base then reads only
   * the records that name one of them (the predicate still decides).
   */
  commodities?: (index: FactIndex, value: string) => ReadonlySet<string>;
}

const KIND_WORDS: Partial<Record<Kind, string>> = {
  commodity: 'commodity',
  organization: 'organization',
  region: 'region or country',
};

/** The id a filter value names; a usage error (exit 2) listing the closest matches otherwise. */
export function resolveOption(
  index: FactIndex,
  option: string,
  value: string,
  kinds?: readonly Kind[],
): string {
  const r = resolve(index, value, kinds);
  if (r.ok) return r.record.id;
  const what =
    kinds === undefined
      ? 'record'
      : kinds.length === 1
        ? (KIND_WORDS[kinds[0]!] ?? kinds[0])
        : kinds.join(' or ');
  const list = r.candidates.join(', ');
  throw new UserError(
    r.reason === 'ambiguous'
      ? `${option} ${JSON.stringify(value)} matches several records: ${list}; be more specific`
      : `${option}: no ${what} matches ${JSON.stringify(value)}${list ? ` (did you mean ${list}?)` : ''}`,
    EXIT.usage,
  );
}

/**
 * The ids a repeatable record option names, each value resolved (a usage error when it names
 * nothing) and expanded to what it stands for (a commodity's members, an organization's people);
 * undefined when the option is not given. Its values are alternatives.
 */
export function resolveEach(
  index: FactIndex,
  option: string,
  values: readonly string[] | undefined,
  kinds?: readonly Kind[],
  expand: (id: string) => Iterable<string> = (id) => [id],
): Set<string> | undefined {
  if (values === undefined) return undefined;
  return new Set(values.flatMap((v) => [...expand(resolveOption(index, option, v, kinds))]));
}

export const enumFilter = <R>(
  flag: string,
  values: readonly string[],
  get: (r: R) => string | undefined,
  help = `one of ${values.join(', ')}`,
): FilterSpec<R> => ({
  flag: `--${flag} <${flag}>`,
  key: flag,
  help,
  values,
  build: (_index, value) => (r) => get(r) === value,
});

/** `--modality planned`: records with at least one claim of that modality (actual when it says none). */
export const modalityFilter = <R extends FactRecord>(): FilterSpec<R> => ({
  flag: '--modality <modality>',
  key: 'modality',
  help: `records with a claim of this modality: ${MODALITIES.join(', ')}`,
  values: MODALITIES,
  build: (_index, value) => (r) => (r.claims ?? []).some((c) => claimModality(c) === value),
});

/** `--where 'investment>=1 billion USD'`: records with a claim that meets each condition. */
export const whereFilter = <R extends FactRecord>(): FilterSpec<R> => ({
  flag: '--where <condition>',
  key: 'where',
  help: `records with a claim ${WHERE_HELP}`,
  all: true,
  check: (value) => {
    parseWhere(value);
  },
  build: (_index, value) => {
    const w = parseWhere(value);
    return (r) => (r.claims ?? []).some((c) => claimMeets(c, w));
  },
});

export const metalFilter = <R extends FactRecord>(
  commodities: (r: R) => readonly string[] | undefined,
  help = 'a commodity or any member of a group (id, name, alias or symbol)',
): FilterSpec<R> => {
  const named = (index: FactIndex, value: string) =>
    index.commodityClosure(resolveOption(index, '--metal', value, ['commodity']));
  return {
    flag: '--metal <commodity>',
    key: 'metal',
    help,
    kinds: ['commodity'],
    commodities: named,
    build: (index, value) => {
      const set = named(index, value);
      return (r) =>
        (commodities(r) ?? []).some((c) => set.has(c)) ||
        (r.claims ?? []).some((c) => c.commodity !== undefined && set.has(c.commodity));
    },
  };
};

export const placeFilter = <R extends FactRecord>(
  flag: 'country' | 'region',
  places: (index: FactIndex, r: R) => Array<string | undefined>,
  help = flag === 'country'
    ? 'in a country (or any region of it)'
    : 'in a region or any region inside it',
): FilterSpec<R> => {
  const kinds: readonly Kind[] = flag === 'country' ? ['country'] : ['region', 'country'];
  return {
    flag: `--${flag} <${flag}>`,
    key: flag,
    help,
    kinds,
    build: (index, value) => {
      const set = index.placeClosure(resolveOption(index, `--${flag}`, value, kinds));
      return (r) => places(index, r).some((p) => p !== undefined && set.has(p));
    },
  };
};

/** A filter on the records a field refers to: `--operator erg`. */
export const refFilter = <R>(
  flag: string,
  arg: string,
  kinds: readonly Kind[],
  help: string,
  get: (r: R) => readonly (string | undefined)[],
): FilterSpec<R> => ({
  flag: `--${flag} <${arg}>`,
  key: flag.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()),
  help,
  kinds,
  build: (index, value) => {
    const id = resolveOption(index, `--${flag}`, value, kinds);
    return (r) => get(r).includes(id);
  },
});
