// Closed vocabularies of the fact model. Every list here is exported as a tuple so that zod
// enums, JSON Schema and help text all come from the same place.

export const KINDS = [
  'source',
  'country',
  'region',
  'organization',
  'person',
  'commodity',
  'deposit',
  'project',
  'deal',
  'policy',
] as const;
export type Kind = (typeof KINDS)[number];

/** Dimensions a unit can measure; each has one base unit that values convert to. */
export const DIMENSIONS = {
  mass: 't',
  'mass-rate': 't/yr',
  money: 'USD',
  price: 'USD/t',
  ratio: '%',
  multiple: 'x',
  area: 'km2',
  count: 'count',
  rank: 'rank',
  duration: 'yr',
} as const;
export type Dimension = keyof typeof DIMENSIONS;

/** Units as written in the text, with the factor that converts one of them to the base unit. */
export const UNITS = {
  t: { dimension: 'mass', factor: 1 },
  kt: { dimension: 'mass', factor: 1e3 },
  Mt: { dimension: 'mass', factor: 1e6 },
  't/yr': { dimension: 'mass-rate', factor: 1 },
  'kt/yr': { dimension: 'mass-rate', factor: 1e3 },
  'Mt/yr': { dimension: 'mass-rate', factor: 1e6 },
  USD: { dimension: 'money', factor: 1 },
  'USD/t': { dimension: 'price', factor: 1 },
  '%': { dimension: 'ratio', factor: 1 },
  fraction: { dimension: 'ratio', factor: 100 },
  x: { dimension: 'multiple', factor: 1 },
  km2: { dimension: 'area', factor: 1 },
  count: { dimension: 'count', factor: 1 },
  rank: { dimension: 'rank', factor: 1 },
  yr: { dimension: 'duration', factor: 1 },
} as const satisfies Record<string, { dimension: Dimension; factor: number }>;
export type Unit = keyof typeof UNITS;
export const UNIT_NAMES = Object.keys(UNITS) as [Unit, ...Unit[]];

/** Scale words as written ("$5 billion", "2.6 million tons"). */
export const SCALES = { thousand: 1e3, million: 1e6, billion: 1e9 } as const;
export type Scale = keyof typeof SCALES;
export const SCALE_NAMES = Object.keys(SCALES) as [Scale, ...Scale[]];

export const BOUNDS = [
  'exact',
  'approx',
  'more-than',
  'at-least',
  'less-than',
  'up-to',
  'at-most',
  'range',
] as const;
export type Bound = (typeof BOUNDS)[number];

/** What a claim's value must be, per property. */
type PropertySpec =
  | { value: 'quantity'; dimensions: readonly Dimension[] }
  | { value: 'date' | 'text' | 'ref' | 'any' };

export const PROPERTIES = {
  reserves: { value: 'quantity', dimensions: ['mass'] },
  resources: { value: 'quantity', dimensions: ['mass'] },
  'contained-metal': { value: 'quantity', dimensions: ['mass'] },
  ore: { value: 'quantity', dimensions: ['mass'] },
  grade: { value: 'quantity', dimensions: ['ratio'] },
  capacity: { value: 'quantity', dimensions: ['mass-rate', 'mass'] },
  production: { value: 'quantity', dimensions: ['mass-rate', 'mass'] },
  'output-target': { value: 'quantity', dimensions: ['mass-rate', 'mass'] },
  investment: { value: 'quantity', dimensions: ['money'] },
  price: { value: 'quantity', dimensions: ['price'] },
  'offer-value': { value: 'quantity', dimensions: ['money'] },
  'deal-value': { value: 'quantity', dimensions: ['money'] },
  'market-size': { value: 'quantity', dimensions: ['mass', 'mass-rate', 'money'] },
  'market-share': { value: 'quantity', dimensions: ['ratio'] },
  employees: { value: 'quantity', dimensions: ['count'] },
  countries: { value: 'quantity', dimensions: ['count'] },
  rank: { value: 'quantity', dimensions: ['rank'] },
  count: { value: 'quantity', dimensions: ['count'] },
  area: { value: 'quantity', dimensions: ['area'] },
  change: { value: 'quantity', dimensions: ['ratio', 'multiple'] },
  ownership: { value: 'quantity', dimensions: ['ratio'] },
  duration: { value: 'quantity', dimensions: ['duration'] },
  status: { value: 'text' },
  'date-of-event': { value: 'date' },
  'start-date': { value: 'date' },
  'end-date': { value: 'date' },
  operator: { value: 'ref' },
  owner: { value: 'ref' },
  partner: { value: 'ref' },
  party: { value: 'ref' },
  location: { value: 'ref' },
  technology: { value: 'any' },
  feedstock: { value: 'any' },
  product: { value: 'any' },
  role: { value: 'any' },
  statement: { value: 'text' },
  description: { value: 'text' },
} as const satisfies Record<string, PropertySpec>;
export type Property = keyof typeof PROPERTIES;
export const PROPERTY_NAMES = Object.keys(PROPERTIES) as [Property, ...Property[]];

export const ORGANIZATION_TYPES = [
  'company',
  'ministry',
  'government',
  'agency',
  'media',
  'consultancy',
  'investor',
  'association',
  'event',
  'other',
] as const;

export const REGION_TYPES = [
  'province',
  'city',
  'district',
  'area',
  'macro-region',
  'other',
] as const;

/** Development status of a deposit (after USGS MRDS and EarthResourceML). */
export const DEPOSIT_STATUSES = [
  'occurrence',
  'prospect',
  'exploration',
  'development',
  'producing',
  'past-producer',
  'closed',
  'unknown',
] as const;

/** Project status (Global Energy Monitor's taxonomy). */
export const PROJECT_STATUSES = [
  'announced',
  'pre-construction',
  'construction',
  'operating',
  'mothballed',
  'retired',
  'shelved',
  'cancelled',
  'unknown',
] as const;
export const PROJECT_TYPES = [
  'plant',
  'smelter',
  'refinery',
  'mine',
  'exploration',
  'programme',
  'other',
] as const;

export const DEAL_TYPES = [
  'agreement',
  'supply',
  'offtake',
  'joint-venture',
  'partnership',
  'acquisition',
  'takeover-offer',
  'buyout',
  'auction',
  'other',
] as const;
export const DEAL_STATUSES = [
  'proposed',
  'offered',
  'denied',
  'rejected',
  'planned',
  'announced',
  'signed',
  'completed',
  'cancelled',
  'unknown',
] as const;
export const PARTY_ROLES = [
  'buyer',
  'seller',
  'supplier',
  'offtaker',
  'partner',
  'investor',
  'offeror',
  'target',
  'bidder',
  'organizer',
  'owner',
  'participant',
] as const;

export const POLICY_TYPES = [
  'plan',
  'export-control',
  'auction-regime',
  'declassification',
  'target',
  'programme',
  'other',
] as const;
export const POLICY_STATUSES = [
  'proposed',
  'approved',
  'in-force',
  'suspended',
  'lifted',
  'ongoing',
  'unknown',
] as const;

export const DATE_PARTS = [
  'early',
  'mid',
  'late',
  'Q1',
  'Q2',
  'Q3',
  'Q4',
  'H1',
  'H2',
  'end',
] as const;
/**
 * How a claim holds: as a fact (actual, the default), or as something said about the future or
 * about what might be. "will" and "plans to" are planned; "expected" and "projected" expected;
 * "could", "may" and "if confirmed" possible; a goal someone set is a target; "aimed for" and
 * "offered" are proposed (sought, not agreed); "considered" and "believed" are reputed (a
 * judgement the text reports without saying whose).
 */
export const MODALITIES = [
  'actual',
  'planned',
  'expected',
  'possible',
  'target',
  'proposed',
  'reputed',
] as const;
export type Modality = (typeof MODALITIES)[number];

export const BASIS_CATEGORIES = [
  'reserve',
  'resource',
  'exploration-target',
  'unspecified',
] as const;
export const BASIS_MATERIALS = [
  'ore',
  'contained-metal',
  'concentrate',
  'product',
  'unspecified',
] as const;
export const CLASSIFICATION_SYSTEMS = [
  'GKZ',
  'KAZRC',
  'JORC',
  'NI-43-101',
  'CRIRSCO',
  'unspecified',
] as const;

export const CLAIM_RANKS = ['preferred', 'normal', 'deprecated'] as const;

/** Where a hit was found, from the strongest kind of place to the weakest. */
export const SEARCH_FIELDS = [
  'name',
  'alias',
  'title',
  'description',
  'role',
  'claim',
  'quote',
  'note',
  'text',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** Where a timeline item's date is: a claim's value or `when`, or a record field. */
export const DATE_ORIGINS = [
  'date',
  'when',
  'signed',
  'period',
  'published',
  'role.from',
  'role.to',
] as const;
export type DateOrigin = (typeof DATE_ORIGINS)[number];

/**
 * How two claims of `minerals conflicts` disagree: they cannot both be true (contradiction), one
 * is a more precise form of the other (refinement), they hold at different times (change), or
 * they measure different things (basis: reserves and resources, ore and contained metal).
 */
export const CONFLICT_CLASSES = [
  'contradiction',
  'refinement',
  'change',
  'basis',
  'tension',
] as const;
export type ConflictClass = (typeof CONFLICT_CLASSES)[number];
/** What `conflicts --class` takes: a class, or all of them. */
export const CONFLICT_CLASS_OPTIONS = [...CONFLICT_CLASSES, 'all'] as const;

/**
 * A source text's file name inside the seeds directory: no directory part, no leading dot, so a
 * source cannot point outside it (the schema checks it; the store checks its own copy on read).
 */
export const SEED_FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
