#!/usr/bin/env node
// Synthetic fact base for tests and benchmarks: `node scripts/synth.mjs --records N --seed S --out DIR`
// writes N valid records in the project's real schema (all ten kinds), 100 records a file in one
// subdirectory per kind, plus the source texts their quotes come from in DIR/seeds/. The output is
// a pure function of N and the seed: the same arguments give a byte-identical tree.
//
// Plain Node ESM with JSDoc, no dependencies. Importable: `synthesize({records, seed})` returns the
// files as strings without touching the disk; `writeBase(dir, result)` writes them.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const RECORDS_PER_FILE = 100;
export const MIN_RECORDS = 100;
const MODELINE = '# yaml-language-server: $schema=../schema.json';
const HERE = path.dirname(fileURLToPath(import.meta.url));

/**
 * mulberry32: a small, fast, seeded PRNG; returns floats in [0, 1).
 * @param {number} seed
 * @returns {() => number}
 */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// ---------------------------------------------------------------------------------------------
// Fixed vocabulary. `copper` is in no group and no commodity is a member of it, so
// `minerals deposits --metal copper` selects exactly the deposits that name copper.

/** @type {Array<{id: string, name: string, symbol?: string, groups?: string[], group?: boolean}>} */
export const COMMODITIES = [
  { id: 'copper', name: 'Copper', symbol: 'Cu' },
  { id: 'rare-earths', name: 'Rare earth elements', group: true },
  { id: 'rare-metals', name: 'Rare metals', group: true },
  { id: 'battery-metals', name: 'Battery metals', group: true },
  { id: 'precious-metals', name: 'Precious metals', group: true },
  { id: 'aluminium', name: 'Aluminium', symbol: 'Al', group: true },
  { id: 'iron', name: 'Iron', symbol: 'Fe', group: true },
  { id: 'gallium', name: 'Gallium', symbol: 'Ga', groups: ['rare-metals'] },
  { id: 'germanium', name: 'Germanium', symbol: 'Ge', groups: ['rare-metals'] },
  { id: 'indium', name: 'Indium', symbol: 'In', groups: ['rare-metals'] },
  { id: 'tungsten', name: 'Tungsten', symbol: 'W', groups: ['rare-metals'] },
  { id: 'niobium', name: 'Niobium', symbol: 'Nb', groups: ['rare-metals'] },
  { id: 'tantalum', name: 'Tantalum', symbol: 'Ta', groups: ['rare-metals'] },
  { id: 'molybdenum', name: 'Molybdenum', symbol: 'Mo' },
  { id: 'cerium', name: 'Cerium', symbol: 'Ce', groups: ['rare-earths'] },
  { id: 'lanthanum', name: 'Lanthanum', symbol: 'La', groups: ['rare-earths'] },
  { id: 'neodymium', name: 'Neodymium', symbol: 'Nd', groups: ['rare-earths'] },
  { id: 'yttrium', name: 'Yttrium', symbol: 'Y', groups: ['rare-earths'] },
  { id: 'lithium', name: 'Lithium', symbol: 'Li', groups: ['battery-metals'] },
  { id: 'cobalt', name: 'Cobalt', symbol: 'Co', groups: ['battery-metals'] },
  { id: 'nickel', name: 'Nickel', symbol: 'Ni', groups: ['battery-metals'] },
  { id: 'manganese', name: 'Manganese', symbol: 'Mn', groups: ['battery-metals'] },
  { id: 'graphite', name: 'Graphite', groups: ['battery-metals'] },
  { id: 'gold', name: 'Gold', symbol: 'Au', groups: ['precious-metals'] },
  { id: 'silver', name: 'Silver', symbol: 'Ag', groups: ['precious-metals'] },
  { id: 'platinum', name: 'Platinum', symbol: 'Pt', groups: ['precious-metals'] },
  { id: 'bauxite', name: 'Bauxite', groups: ['aluminium'] },
  { id: 'alumina', name: 'Alumina', groups: ['aluminium'] },
  { id: 'iron-ore', name: 'Iron ore', groups: ['iron'] },
  { id: 'zinc', name: 'Zinc', symbol: 'Zn' },
  { id: 'lead', name: 'Lead', symbol: 'Pb' },
  { id: 'tin', name: 'Tin', symbol: 'Sn' },
  { id: 'uranium', name: 'Uranium', symbol: 'U' },
  { id: 'antimony', name: 'Antimony', symbol: 'Sb' },
  { id: 'chromium', name: 'Chromium', symbol: 'Cr' },
  { id: 'titanium', name: 'Titanium', symbol: 'Ti' },
  { id: 'vanadium', name: 'Vanadium', symbol: 'V' },
];
/** Commodities a deposit or project can produce (not groups); copper is handled on its own. */
const MINED = COMMODITIES.filter((c) => !c.group && c.id !== 'copper').map((c) => c.id);

/** Share of the records after the fixed commodities and the countries; deposits take the rest. */
const SHARES = {
  source: 0.03,
  region: 0.04,
  organization: 0.18,
  person: 0.06,
  project: 0.16,
  deal: 0.14,
  policy: 0.05,
};
export const KIND_ORDER = [
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
];
const DIR_OF = {
  source: 'sources',
  country: 'countries',
  region: 'regions',
  organization: 'organizations',
  person: 'people',
  commodity: 'commodities',
  deposit: 'deposits',
  project: 'projects',
  deal: 'deals',
  policy: 'policies',
};
export const COPPER_DEPOSIT_SHARE = 0.1;

/**
 * How many records of each kind a base of `n` records has (they sum to exactly `n`).
 * @param {number} n
 * @returns {Record<string, number>}
 */
export function kindCounts(n) {
  const commodity = COMMODITIES.length;
  const country = Math.min(60, Math.max(4, Math.round(n * 0.004)));
  const rest = n - commodity - country;
  /** @type {Record<string, number>} */
  const out = { commodity, country };
  let used = 0;
  for (const [k, s] of Object.entries(SHARES)) {
    out[k] = Math.max(1, Math.floor(rest * s));
    used += out[k];
  }
  out.deposit = rest - used;
  return out;
}

// ---------------------------------------------------------------------------------------------
// Words

const SYL = [
  'ka',
  'ra',
  'bas',
  'syr',
  'ym',
  'bet',
  'kui',
  'rek',
  'tyk',
  'zhan',
  'tas',
  'ak',
  'to',
  'gay',
  'bal',
  'khash',
  'ust',
  'kam',
  'en',
  'sar',
  'ar',
  'ka',
  'mys',
  'bel',
  'ten',
  'ir',
  'tysh',
  'al',
  'ma',
  'shu',
  'yn',
  'dy',
  'ko',
  'lan',
  'tor',
  'gai',
  'ny',
  'ba',
  'zar',
  'kum',
  'or',
  'da',
  'kol',
  'sai',
  'tau',
  'bu',
  'lak',
  'er',
  'men',
  'ke',
];
const FIRST = [
  'Aigerim',
  'Nurlan',
  'Zaura',
  'Kanat',
  'Dana',
  'Yerlan',
  'Saule',
  'Marat',
  'Aliya',
  'Timur',
  'Gulnara',
  'Askar',
  'Madina',
  'Ruslan',
  'Ainur',
  'Daniyar',
  'Elena',
  'James',
  'Mei',
  'Kenji',
  'Laura',
  'Pedro',
  'Anna',
  'Omar',
];
const ORG_SUFFIX = {
  company: ['Mining', 'Resources', 'Metals', 'Minerals', 'Smelting', 'Holding', 'Group'],
  ministry: [
    'Ministry of Industry',
    'Ministry of Energy',
    'Ministry of Ecology',
    'Ministry of Finance',
  ],
  government: ['Government'],
  agency: ['Geological Survey', 'Investment Agency', 'Export Agency'],
  media: ['Times', 'Mining News', 'Metal Bulletin', 'Daily', 'Wire'],
  consultancy: ['Advisory', 'Consulting'],
  investor: ['Capital', 'Partners', 'Fund'],
  association: ['Mining Association', 'Metals Union'],
  event: ['Mining Forum', 'Metals Week'],
  other: ['Founders', 'Trust'],
};
const ORG_TYPES = [
  ['company', 60],
  ['media', 6],
  ['ministry', 6],
  ['government', 3],
  ['agency', 5],
  ['consultancy', 4],
  ['investor', 8],
  ['association', 3],
  ['event', 2],
  ['other', 3],
];
/** @type {Record<string, string>} */
const ORG_NOUN = {
  company: 'a mining company',
  ministry: 'a ministry',
  government: 'the government',
  agency: 'a state agency',
  media: 'a news outlet',
  consultancy: 'a consultancy',
  investor: 'an investor',
  association: 'an industry association',
  event: 'an industry event',
  other: 'an organization',
};
const ROLE_TITLES = [
  'CEO',
  'chief geologist',
  'senior geologist',
  'Minister',
  'Vice Minister',
  'chairman',
  'head of exploration',
  'analyst',
  'managing director',
  'spokesperson',
];
const REGION_TYPES = ['province', 'province', 'city', 'district', 'area'];
const DEPOSIT_STATUSES = [
  'occurrence',
  'prospect',
  'exploration',
  'exploration',
  'exploration',
  'development',
  'producing',
  'producing',
  'past-producer',
  'closed',
  'unknown',
];
const PROJECT_TYPES = [
  'plant',
  'smelter',
  'refinery',
  'mine',
  'mine',
  'exploration',
  'programme',
  'other',
];
const PROJECT_NOUN = {
  plant: 'processing plant',
  smelter: 'smelter',
  refinery: 'refinery',
  mine: 'mine',
  exploration: 'exploration project',
  programme: 'development programme',
  other: 'project',
};
const PROJECT_STATUSES = [
  'announced',
  'pre-construction',
  'construction',
  'operating',
  'operating',
  'mothballed',
  'retired',
  'shelved',
  'cancelled',
  'unknown',
];
const DEAL_TYPES = [
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
];
const DEAL_STATUSES = [
  'proposed',
  'offered',
  'denied',
  'rejected',
  'planned',
  'announced',
  'signed',
  'signed',
  'completed',
  'cancelled',
  'unknown',
];
const PARTY_ROLES = {
  agreement: ['partner', 'partner'],
  supply: ['supplier', 'offtaker'],
  offtake: ['seller', 'offtaker'],
  'joint-venture': ['partner', 'partner'],
  partnership: ['partner', 'investor'],
  acquisition: ['buyer', 'seller'],
  'takeover-offer': ['offeror', 'target'],
  buyout: ['buyer', 'target'],
  auction: ['organizer', 'bidder'],
  other: ['participant', 'participant'],
};
const POLICY_TYPES = [
  'plan',
  'export-control',
  'auction-regime',
  'declassification',
  'target',
  'programme',
  'other',
];
/** @type {Record<string, string>} */
const POLICY_NOUN = {
  plan: 'development plan',
  'export-control': 'export controls',
  'auction-regime': 'auction regime',
  declassification: 'declassification of deposit data',
  target: 'output target',
  programme: 'exploration programme',
  other: 'mining policy',
};
const POLICY_STATUSES = [
  'proposed',
  'approved',
  'in-force',
  'suspended',
  'lifted',
  'ongoing',
  'unknown',
];
const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];
const PART_WORDS = {
  early: 'early',
  mid: 'mid',
  late: 'late',
  Q1: 'the first quarter of',
  Q2: 'the second quarter of',
  Q3: 'the third quarter of',
  Q4: 'the fourth quarter of',
  H1: 'the first half of',
  H2: 'the second half of',
  end: 'the end of',
};

/** Hedge words as the validator reads them, per bound. */
const HEDGE = {
  exact: [''],
  approx: ['approximately ', 'about ', 'around ', 'roughly ', 'nearly ', 'an estimated '],
  'more-than': ['more than ', 'over ', 'exceeding ', 'in excess of '],
  'at-least': ['at least ', 'no less than '],
  'less-than': ['less than ', 'under '],
  'up-to': ['up to ', 'as high as ', 'as much as '],
  'at-most': ['at most ', 'no more than '],
};

// ---------------------------------------------------------------------------------------------
// YAML emission (hand-written so the layout is stable and like data/*.yaml)

const RESERVED = new Set(['true', 'false', 'null', 'yes', 'no', 'on', 'off', 'y', 'n', '~']);

/**
 * A string scalar: plain when that reads back as the same string, else JSON-quoted (valid YAML).
 * @param {string} s
 * @param {boolean} flow inside [ ] or { }
 */
function str(s, flow) {
  if (/^\d/.test(s)) return `'${s}'`;
  const plain = flow ? /^[A-Za-z][A-Za-z0-9._/-]*$/ : /^[A-Za-z][A-Za-z0-9 ._/'(),&$%-]*$/;
  if (
    plain.test(s) &&
    !s.includes(': ') &&
    !s.endsWith(':') &&
    !s.endsWith(' ') &&
    !RESERVED.has(s.toLowerCase())
  )
    return s;
  return JSON.stringify(s);
}

/** @param {unknown} v @param {boolean} flow */
function scalar(v, flow) {
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return str(/** @type {string} */ (v), flow);
}

/** @param {unknown} v */
function flowValue(v) {
  if (Array.isArray(v)) return `[${v.map(flowValue).join(', ')}]`;
  if (v !== null && typeof v === 'object')
    return `{${Object.entries(v)
      .map(([k, x]) => `${k}: ${flowValue(x)}`)
      .join(', ')}}`;
  return scalar(v, true);
}

/** Fields written in flow style. */
const FLOW = new Set([
  'quantity',
  'date',
  'when',
  'signed',
  'period',
  'published',
  'from',
  'to',
  'basis',
]);

/**
 * Wrap prose at about 96 columns for a folded block.
 * @param {string} text @param {string} pad
 */
function folded(text, pad) {
  const lines = [];
  let line = '';
  for (const w of text.split(' ')) {
    if (line !== '' && pad.length + line.length + 1 + w.length > 98) {
      lines.push(pad + line);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  if (line !== '') lines.push(pad + line);
  return lines.join('\n');
}

/**
 * A block mapping; `first` is the prefix of its first line ("- " for a list item).
 * @param {Record<string, unknown>} obj @param {string} pad @param {string[]} out @param {string} [first]
 */
function blockMap(obj, pad, out, first) {
  let lead = first ?? pad;
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    if (k === 'description' && typeof v === 'string' && v.length > 70) {
      out.push(`${lead}${k}: >-`, folded(v, `${pad}  `));
    } else if (FLOW.has(k) || !(v !== null && typeof v === 'object')) {
      out.push(
        `${lead}${k}: ${FLOW.has(k) && typeof v === 'object' ? flowValue(v) : scalar(v, false)}`,
      );
    } else if (Array.isArray(v)) {
      if (v.every((x) => x === null || typeof x !== 'object') || k === 'parties' || k === 'credits')
        out.push(
          k === 'parties' || k === 'credits' ? `${lead}${k}:` : `${lead}${k}: ${flowValue(v)}`,
        );
      if (k === 'parties' || k === 'credits')
        for (const x of v) out.push(`${pad}  - ${flowValue(x)}`);
      else if (!v.every((x) => x === null || typeof x !== 'object')) {
        out.push(`${lead}${k}:`);
        for (const x of v)
          blockMap(/** @type {Record<string, unknown>} */ (x), `${pad}    `, out, `${pad}  - `);
      }
    } else {
      out.push(`${lead}${k}:`);
      blockMap(/** @type {Record<string, unknown>} */ (v), `${pad}  `, out);
    }
    lead = pad;
  }
}

/** @param {Record<string, unknown>[]} records @param {string} comment */
function yamlFile(records, comment) {
  const out = [MODELINE, `# ${comment}`];
  for (const r of records) {
    out.push('');
    blockMap(r, '  ', out, '- ');
  }
  return `${out.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------
// Generation

/**
 * @typedef {{records: number, seed: number}} SynthOptions
 * @typedef {{files: Map<string, string>, records: Record<string, unknown>[], counts: Record<string, number>, copperDeposits: string[]}} SynthResult
 */

/**
 * Build the whole base in memory: file path (relative to DIR) => content.
 * @param {SynthOptions} opts
 * @returns {SynthResult}
 */
export function synthesize(opts) {
  const n = opts.records;
  if (!Number.isInteger(n) || n < MIN_RECORDS)
    throw new RangeError(`--records must be a whole number of at least ${MIN_RECORDS}`);
  const rnd = mulberry32(opts.seed);
  const int = (/** @type {number} */ lo, /** @type {number} */ hi) =>
    lo + Math.floor(rnd() * (hi - lo + 1));
  /** @template T @param {readonly T[]} xs @returns {T} */
  const pick = (xs) => xs[Math.floor(rnd() * xs.length)];
  /** @template T @param {readonly T[]} xs @param {number} k @returns {T[]} */
  const pickSome = (xs, k) => {
    const out = new Set();
    for (let i = 0; i < k * 4 && out.size < Math.min(k, xs.length); i++) out.add(pick(xs));
    return /** @type {T[]} */ ([...out]);
  };
  /** @param {Array<[string, number]>} table */
  const weighted = (table) => {
    const total = table.reduce((s, [, w]) => s + w, 0);
    let x = rnd() * total;
    for (const [v, w] of table) if ((x -= w) < 0) return v;
    return table[table.length - 1][0];
  };
  const cap = (/** @type {string} */ s) => s[0].toUpperCase() + s.slice(1);
  const an = (/** @type {string} */ s) => `${/^[aeiou]/i.test(s) ? 'an' : 'a'} ${s}`;
  const word = (/** @type {number} */ k) =>
    cap(Array.from({ length: k }, () => pick(SYL)).join(''));
  const slug = (/** @type {string} */ s) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
  const year = () => int(2015, 2030);
  const fmt = (/** @type {number} */ v) =>
    Number.isInteger(v) ? v.toLocaleString('en-US') : String(v);

  const counts = kindCounts(n);
  /** @type {Record<string, Array<{id: string, name: string, [k: string]: unknown}>>} */
  const sk = {};
  let serial = 0;
  const uid = (/** @type {string} */ base) => `${base}-${(serial++).toString(36)}`;

  // --- skeletons: ids and names first, so any record can refer to any other
  sk.commodity = COMMODITIES.map((c) => ({ ...c }));
  sk.country = Array.from({ length: counts.country }, () => {
    const name = `${word(2)}stan`;
    return { id: uid(slug(name)), name };
  });
  sk.region = Array.from({ length: counts.region }, () => {
    const type = pick(REGION_TYPES);
    const w = word(int(2, 3));
    const name = type === 'province' ? `${w} Region` : type === 'district' ? `${w} District` : w;
    return { id: uid(slug(name)), name, type, country: pick(sk.country).id };
  });
  sk.organization = Array.from({ length: counts.organization }, () => {
    const type = weighted(/** @type {Array<[string, number]>} */ (ORG_TYPES));
    const country = pick(sk.country);
    const suffix = pick(ORG_SUFFIX[/** @type {keyof typeof ORG_SUFFIX} */ (type)]);
    const name =
      type === 'ministry' || type === 'government'
        ? `${country.name} ${suffix}`
        : `${word(2)} ${suffix}`;
    return { id: uid(slug(name)), name, type, country: country.id };
  });
  sk.person = Array.from({ length: counts.person }, () => {
    const name = `${pick(FIRST)} ${word(2)}${pick(['ov', 'ev', 'ova', 'eva', 'ly', 'uly', ''])}`;
    return { id: uid(slug(name)), name };
  });
  sk.source = Array.from({ length: counts.source }, (_, i) => {
    const name = `${word(2)} ${pick(['report', 'article', 'briefing', 'interview', 'bulletin'])}`;
    return { id: uid(slug(name)), name, file: `src-${String(i + 1).padStart(5, '0')}.txt` };
  });
  const commodityName = (/** @type {string} */ id) =>
    /** @type {string} */ (COMMODITIES.find((c) => c.id === id)?.name ?? id).toLowerCase();
  let copperCount = 0;
  sk.deposit = Array.from({ length: counts.deposit }, () => {
    const name = `${word(int(2, 3))}${pick(['', '', ' North', ' South', ' East', ' West', ' Central'])}`;
    const copper = rnd() < COPPER_DEPOSIT_SHARE;
    if (copper) copperCount++;
    const others = pickSome(MINED, int(copper ? 0 : 1, 3));
    const commodities = copper
      ? rnd() < 0.6
        ? ['copper', ...others]
        : [...others, 'copper']
      : others;
    return { id: uid(slug(name)), name, commodities };
  });
  // a base with no copper deposit would make the copper benchmarks meaningless
  if (copperCount === 0)
    sk.deposit[0].commodities = [
      'copper',
      ...sk.deposit[0].commodities.filter((c) => c !== 'copper'),
    ];
  sk.project = Array.from({ length: counts.project }, () => {
    const type = pick(PROJECT_TYPES);
    const commodities = pickSome(['copper', ...MINED], int(1, 2));
    const name = `${word(2)} ${commodityName(commodities[0])} ${PROJECT_NOUN[/** @type {keyof typeof PROJECT_NOUN} */ (type)]}`;
    return { id: uid(slug(name)), name, type, commodities };
  });
  sk.deal = Array.from({ length: counts.deal }, () => ({ type: pick(DEAL_TYPES) })).map((d) => ({
    ...d,
    id: '',
    name: '',
  }));
  sk.policy = Array.from({ length: counts.policy }, () => ({
    type: pick(POLICY_TYPES),
    id: '',
    name: '',
  }));

  const orgsOf = (/** @type {string[]} */ types) =>
    sk.organization.filter((o) => types.includes(/** @type {string} */ (o.type)));
  const nameOf = new Map();
  for (const k of Object.keys(sk)) for (const r of sk[k]) nameOf.set(r.id, r.name);
  const media = orgsOf(['media']);
  const companies = orgsOf(['company', 'investor']);
  const states = orgsOf(['government', 'ministry', 'agency']);
  const pickOrg = (/** @type {typeof media} */ pool) =>
    pool.length > 0 ? pick(pool) : pick(sk.organization);

  // --- text of the sources: sentences collected per source, written at the end
  /** @type {string[][]} */
  const sentences = sk.source.map(() => []);
  let lastSource = -1;
  const ENDINGS = [
    (/** @type {string} */ who) => `, ${who} said`,
    (/** @type {string} */ who) => `, according to ${who}`,
    () => ', the company said in a statement',
    () => ', officials said',
    () => '',
    () => '',
  ];
  /**
   * Put `quote` into a source's text and return the citation.
   * @param {string} quote @param {string} [saidBy] @param {number} [not] a source index to avoid
   */
  const cite = (quote, saidBy, not = -1) => {
    let si = Math.floor(rnd() * sk.source.length);
    if (si === not) si = (si + 1) % sk.source.length;
    const who = saidBy
      ? nameOf.get(saidBy)
      : pick(['analysts', 'the ministry', 'local media', 'a company spokesperson']);
    sentences[si].push(`${cap(quote)}${pick(ENDINGS)(who)}.`);
    /** @type {Record<string, unknown>} */
    const c = { source: sk.source[si].id, quote: cap(quote) };
    if (saidBy) c.said_by = saidBy;
    lastSource = si;
    return c;
  };

  /** A date: precision varies, sometimes a part of the period and a modality. */
  const dateSpec = (/** @type {boolean} */ future) => {
    const y = future ? int(2025, 2032) : year();
    const r = rnd();
    if (r < 0.35) return { value: String(y), words: `in ${y}` };
    if (r < 0.6) {
      const m = int(1, 12);
      return { value: `${y}-${String(m).padStart(2, '0')}`, words: `in ${MONTHS[m - 1]} ${y}` };
    }
    if (r < 0.72) {
      const m = int(1, 12);
      const d = int(1, 28);
      return {
        value: `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`,
        words: `on ${MONTHS[m - 1]} ${d}, ${y}`,
      };
    }
    if (r < 0.92) {
      const part = pick(Object.keys(PART_WORDS));
      const modality = future ? pick(['planned', 'expected', 'target']) : 'actual';
      return {
        value: { on: String(y), part, modality },
        words: `in ${PART_WORDS[/** @type {keyof typeof PART_WORDS} */ (part)]} ${y}`,
      };
    }
    const y2 = y + int(1, 5);
    return { value: { start: String(y), end: String(y2) }, words: `from ${y} to ${y2}` };
  };

  /**
   * A number with its bound as the text writes it.
   * @param {{unit: string, words: string, values: () => {value: number, scale?: string}, basis?: Record<string, string>, ranges?: boolean, prefix?: string}} spec
   */
  const quantity = (spec) => {
    const bound = weighted([
      ['exact', 40],
      ['approx', 15],
      ['more-than', 15],
      ['up-to', 10],
      ['at-least', 4],
      ['less-than', 4],
      ['at-most', 3],
      ['range', spec.ranges === false ? 0 : 9],
    ]);
    const v = spec.values();
    const scaleWord = v.scale ? ` ${v.scale}` : '';
    const pre = spec.prefix ?? '';
    /** @type {Record<string, unknown>} */
    const q = {};
    let words;
    if (bound === 'range') {
      const high = Math.round(v.value * (1.2 + rnd()) * 10) / 10;
      q.low = v.value;
      q.high = high;
      words = `between ${pre}${fmt(v.value)} and ${pre}${fmt(high)}${scaleWord}`;
    } else {
      q.value = v.value;
      words = `${pick(HEDGE[/** @type {keyof typeof HEDGE} */ (bound)])}${pre}${fmt(v.value)}${scaleWord}`;
    }
    if (v.scale) q.scale = v.scale;
    q.unit = spec.unit;
    if (bound !== 'exact') q.bound = bound;
    if (spec.basis) q.basis = spec.basis;
    return { q, text: spec.words.replace('#', words) };
  };
  const tonnes = () => {
    const r = rnd();
    if (r < 0.4)
      return { unit: 't', values: () => ({ value: int(5, 950) * 1000 }), words: '# tonnes' };
    if (r < 0.75)
      return {
        unit: 't',
        values: () => ({ value: int(11, 99) / 10, scale: 'million' }),
        words: '# tonnes',
      };
    if (r < 0.9) return { unit: 'kt', values: () => ({ value: int(20, 900) }), words: '# kt' };
    return { unit: 'Mt', values: () => ({ value: int(11, 250) / 10 }), words: '# Mt' };
  };
  const basis = (/** @type {string} */ material) => ({
    category: pick(['reserve', 'resource', 'exploration-target', 'unspecified']),
    material,
    system: pick(['GKZ', 'KAZRC', 'JORC', 'unspecified', 'unspecified']),
  });
  const money = () =>
    rnd() < 0.7
      ? { value: int(5, 950), scale: 'million' }
      : { value: int(11, 99) / 10, scale: 'billion' };

  /**
   * A claim with one or two citations (the second from another source, same wording).
   * @param {Record<string, unknown>} claim @param {string} quote @param {string} [saidBy]
   */
  const claimOf = (claim, quote, saidBy) => {
    const citations = [cite(quote, saidBy)];
    if (rnd() < 0.15 && sk.source.length > 1) citations.push(cite(quote, undefined, lastSource));
    // a claim says its modality itself, not in its date (claim-date-modality)
    /** @type {Record<string, unknown>} */
    const out = { ...claim };
    for (const k of ['date', 'when']) {
      const d = out[k];
      if (d && typeof d === 'object' && 'modality' in d) {
        const { modality, ...rest } = /** @type {Record<string, unknown>} */ (d);
        out[k] = rest;
        if (modality !== 'actual' && out.modality === undefined) out.modality = modality;
      }
    }
    return { ...out, citations };
  };
  const somePerson = () => (rnd() < 0.3 ? pick(sk.person).id : undefined);

  /** @type {Record<string, Record<string, unknown>[]>} */
  const recs = {};

  // --- commodities
  recs.commodity = sk.commodity.map((c) => {
    const name = c.name;
    /** @type {Record<string, unknown>} */
    const r = { id: c.id, kind: 'commodity', name };
    if (c.symbol) r.symbol = c.symbol;
    if (c.groups) r.groups = c.groups;
    r.description = c.group
      ? `Commodity group: ${name.toLowerCase()}.`
      : `${name}, a commodity traded and mined in the synthetic base.`;
    if (!c.group) {
      const price = quantity({
        unit: 'USD/t',
        values: () => ({ value: int(500, 90000) }),
        words: `${name} traded at # per tonne`,
        prefix: '$',
        ranges: false,
      });
      const when = dateSpec(false);
      r.claims = [
        claimOf(
          { property: 'price', commodity: c.id, quantity: price.q, when: when.value },
          `${price.text} ${when.words}`,
        ),
      ];
    }
    return r;
  });

  // --- countries
  recs.country = sk.country.map((c) => {
    const commodity = pick(MINED);
    const rank = int(1, 10);
    const when = dateSpec(false);
    return {
      id: c.id,
      kind: 'country',
      name: c.name,
      iso2: `${String.fromCharCode(65 + int(0, 25))}${String.fromCharCode(65 + int(0, 25))}`,
      description: `${c.name}, a synthetic country with mining regions, state agencies and ${commodityName(commodity)} output.`,
      claims: [
        claimOf(
          {
            property: 'rank',
            commodity,
            quantity: { value: rank, unit: 'rank' },
            when: when.value,
          },
          `${c.name} ranks number ${rank} among world producers of ${commodityName(commodity)} ${when.words}`,
        ),
      ],
    };
  });
  for (const r of recs.country) {
    const area = quantity({
      unit: 'km2',
      values: () => ({ value: int(50, 3000) * 1000 }),
      words: `the exploration zone of ${r.name} covers # square kilometres`,
      ranges: false,
    });
    /** @type {unknown[]} */ (r.claims).push(
      claimOf({ property: 'area', quantity: area.q }, area.text),
    );
  }

  // --- regions
  recs.region = sk.region.map((g, i) => {
    const country = /** @type {string} */ (g.country);
    const parent =
      i > 0 && rnd() < 0.25
        ? sk.region.slice(0, i).find((p) => p.country === country && p.type === 'province')
        : undefined;
    const cnt = int(2, 60);
    return {
      id: g.id,
      kind: 'region',
      name: g.name,
      type: g.type,
      country,
      parent: parent?.id,
      description: `${g.name}, a ${g.type} of ${nameOf.get(country)} with ${cnt} known mineral deposits in the synthetic base.`,
      citations: [cite(`${g.name} in ${nameOf.get(country)}`)],
      claims: [
        claimOf(
          { property: 'count', quantity: { value: cnt, unit: 'count' } },
          `${g.name} hosts ${cnt} known deposits`,
        ),
      ],
    };
  });

  // --- organizations
  recs.organization = sk.organization.map((o, i) => {
    const type = /** @type {string} */ (o.type);
    const parent =
      type === 'company' && i > 0 && rnd() < 0.2
        ? pick(sk.organization.slice(0, i).filter((p) => p.type === 'company'))
        : undefined;
    /** @type {Record<string, unknown>[]} */
    const claims = [];
    if (type === 'company' || type === 'investor') {
      const emp = quantity({
        unit: 'count',
        values: () => ({ value: int(50, 90000) }),
        words: `${o.name} employs # people`,
        ranges: false,
      });
      claims.push(
        claimOf({ property: 'employees', quantity: emp.q, when: String(year()) }, emp.text),
      );
      const c = pick(MINED);
      const share = quantity({
        unit: '%',
        values: () => ({ value: int(1, 60) }),
        words: `${o.name} accounts for #% of global ${commodityName(c)} supply`,
      });
      claims.push(
        claimOf({ property: 'market-share', commodity: c, quantity: share.q }, share.text),
      );
      if (rnd() < 0.5) {
        const countries = int(2, 40);
        claims.push(
          claimOf(
            { property: 'countries', quantity: { value: countries, unit: 'count' } },
            `${o.name} operates in ${countries} countries`,
          ),
        );
      }
    } else {
      const s = `${o.name} announced a review of ${pick(['licensing', 'export rules', 'exploration data', 'tax terms'])} for the mining sector`;
      claims.push(
        claimOf(
          { property: 'statement', text: `${cap(s.replace(`${o.name} `, ''))}.` },
          s,
          somePerson(),
        ),
      );
    }
    return {
      id: o.id,
      kind: 'organization',
      name: o.name,
      aliases:
        rnd() < 0.3
          ? [
              o.name
                .split(' ')
                .map((w) => w[0])
                .join(''),
            ]
          : undefined,
      type,
      country: o.country,
      parent: parent?.id,
      description: `${o.name} is ${ORG_NOUN[type]} based in ${nameOf.get(o.country)}; the synthetic base links it to deposits, projects and deals across the region and to the people who speak for it.`,
      citations: [cite(`${o.name}, ${ORG_NOUN[type]} based in ${nameOf.get(o.country)}`)],
      claims,
    };
  });

  // --- people
  recs.person = sk.person.map((p) => {
    const org = pick(sk.organization);
    const title = pick(ROLE_TITLES);
    const role = {
      title,
      organization: org.id,
      from: rnd() < 0.3 ? String(year()) : undefined,
      citations: [cite(`${p.name}, ${title} of ${org.name}`)],
    };
    const c = pick(MINED);
    const said = `demand for ${commodityName(c)} will ${pick(['grow', 'double', 'stay strong', 'recover'])} over the next ${int(2, 10)} years`;
    return {
      id: p.id,
      kind: 'person',
      name: p.name,
      country: org.country,
      description: `${p.name}, ${title} of ${org.name}, quoted on ${commodityName(c)} markets and on the company's projects.`,
      roles: [role],
      claims: [
        claimOf(
          { property: 'statement', commodity: c, text: `${cap(said)}.`, modality: 'expected' },
          `${said}, ${p.name} said`,
          p.id,
        ),
      ],
    };
  });

  // --- deposits
  recs.deposit = sk.deposit.map((d) => {
    const commodities = /** @type {string[]} */ (d.commodities);
    const main = commodities[0];
    const region = pick(sk.region);
    const operator = pickOrg(companies);
    const status = pick(DEPOSIT_STATUSES);
    /** @type {Record<string, unknown>[]} */
    const claims = [];
    const k = int(2, 4);
    for (let j = 0; j < k; j++) {
      const c = pick(commodities);
      const cn = commodityName(c);
      const form = pick(['contained', 'reserves', 'resources', 'ore', 'grade', 'wells']);
      if (form === 'contained') {
        const t = tonnes();
        const q = quantity({
          ...t,
          words: `${d.name} holds ${t.words} of ${cn}`,
          basis: basis('contained-metal'),
        });
        claims.push(
          claimOf(
            { property: 'contained-metal', commodity: c, quantity: q.q },
            q.text,
            somePerson(),
          ),
        );
      } else if (form === 'reserves') {
        const t = tonnes();
        const q = quantity({
          ...t,
          words: `${cn} reserves at ${d.name} stand at ${t.words}`,
          basis: {
            category: 'reserve',
            material: 'contained-metal',
            system: pick(['GKZ', 'JORC', 'unspecified']),
          },
        });
        const when = dateSpec(false);
        claims.push(
          claimOf(
            { property: 'reserves', commodity: c, quantity: q.q, when: when.value },
            `${q.text} ${when.words}`,
          ),
        );
      } else if (form === 'resources') {
        const t = tonnes();
        const q = quantity({
          ...t,
          words: `the ${d.name} deposit has resources of ${t.words} of ${cn} ore`,
          basis: { category: 'resource', material: 'ore', system: 'unspecified' },
        });
        claims.push(claimOf({ property: 'resources', commodity: c, quantity: q.q }, q.text));
      } else if (form === 'ore') {
        const t = tonnes();
        const q = quantity({
          ...t,
          words: `${d.name} has the potential to yield ${t.words} of ore`,
          basis: { category: 'exploration-target', material: 'ore', system: 'unspecified' },
        });
        claims.push(claimOf({ property: 'ore', quantity: q.q, modality: 'possible' }, q.text));
      } else if (form === 'grade') {
        const q = quantity({
          unit: '%',
          values: () => ({ value: int(1, 120) / 10 }),
          words: `drill cores at ${d.name} returned ${cn} grades of #%`,
        });
        claims.push(
          claimOf({ property: 'grade', commodity: c, quantity: q.q }, q.text, somePerson()),
        );
      } else {
        const total = int(10, 90);
        const hit = int(1, total);
        claims.push(
          claimOf(
            {
              property: 'count',
              commodity: c,
              quantity: { value: hit, unit: 'count' },
              note: `Wells that found ${cn}, of ${total} drilled.`,
            },
            `drilling at ${d.name} found ${cn} in ${hit} of ${total} wells`,
          ),
        );
      }
    }
    if (rnd() < 0.3) {
      const when = dateSpec(true);
      claims.push(
        claimOf(
          { property: 'start-date', date: when.value },
          `production at ${d.name} is due to start ${when.words}`,
        ),
      );
    }
    if (rnd() < 0.4)
      claims.push(
        claimOf({ property: 'operator', ref: operator.id }, `${operator.name} operates ${d.name}`),
      );
    return {
      id: d.id,
      kind: 'deposit',
      name: d.name,
      country: region.country,
      region: region.id,
      commodities,
      status,
      operator: operator.id,
      owners: rnd() < 0.3 ? [pickOrg(companies).id] : undefined,
      description: `${cap(commodityName(main))} deposit in ${region.name}, ${nameOf.get(/** @type {string} */ (region.country))}, operated by ${operator.name}; status ${status}. Figures below are synthetic and cited to generated source texts.`,
      citations: [cite(`${d.name} deposit in ${region.name}`)],
      claims,
    };
  });

  // --- projects
  recs.project = sk.project.map((p) => {
    const region = pick(sk.region);
    const operator = pickOrg(companies);
    const commodities = /** @type {string[]} */ (p.commodities);
    const c = commodities[0];
    const deposit = rnd() < 0.4 ? pick(sk.deposit).id : undefined;
    const unit = pick(['t/yr', 't/yr', 'kt/yr', 'Mt/yr']);
    const cap2 = quantity({
      unit,
      values: () => ({ value: unit === 'Mt/yr' ? int(5, 120) / 10 : int(5, 500) }),
      words: `${p.name} will produce # ${unit === 't/yr' ? 'tonnes' : unit.slice(0, 2)} of ${commodityName(c)} a year`,
    });
    const inv = quantity({
      unit: 'USD',
      values: money,
      words: `investment in ${p.name} will reach #`,
      prefix: 'US$',
      ranges: false,
    });
    const start = dateSpec(true);
    const status = pick(PROJECT_STATUSES);
    const partners = rnd() < 0.4 ? [pickOrg(companies).id] : undefined;
    /** @type {Record<string, unknown>[]} */
    const claims = [
      claimOf(
        { property: 'capacity', commodity: c, quantity: cap2.q, modality: 'planned' },
        cap2.text,
        somePerson(),
      ),
      claimOf({ property: 'investment', quantity: inv.q, modality: 'planned' }, inv.text),
      claimOf(
        { property: 'start-date', date: start.value },
        `${p.name} is scheduled to start ${start.words}`,
      ),
    ];
    if (partners)
      claims.push(
        claimOf(
          { property: 'partner', ref: partners[0] },
          `${nameOf.get(partners[0])} joined ${p.name} as a partner`,
        ),
      );
    if (rnd() < 0.3)
      claims.push(
        claimOf(
          {
            property: 'technology',
            text: `${pick(['Hydrometallurgical', 'Flash smelting', 'Direct reduction', 'Heap leaching', 'Solvent extraction'])} process.`,
            modality: 'planned',
          },
          `${p.name} will use ${pick(['proven', 'licensed', 'new'])} process technology`,
        ),
      );
    return {
      id: p.id,
      kind: 'project',
      name: p.name,
      type: p.type,
      country: region.country,
      region: region.id,
      commodities,
      status,
      operator: operator.id,
      partners,
      deposit,
      description: `${p.name}: ${an(PROJECT_NOUN[/** @type {keyof typeof PROJECT_NOUN} */ (p.type)])} for ${commodities.map(commodityName).join(' and ')} in ${region.name}, run by ${operator.name}; status ${status}.`,
      claims,
    };
  });

  // --- deals
  recs.deal = sk.deal.map((d) => {
    const type = /** @type {keyof typeof PARTY_ROLES} */ (d.type);
    const [ra, rb] = PARTY_ROLES[type];
    const a = pickOrg(type === 'auction' ? states : companies);
    let b = pickOrg(companies);
    if (b.id === a.id) b = sk.organization.find((o) => o.id !== a.id) ?? b;
    const c = pick(['copper', ...MINED]);
    const name = `${a.name} - ${b.name} ${commodityName(c)} ${type.replace('-', ' ')}`;
    const id = uid(slug(`${a.name.split(' ')[0]} ${b.name.split(' ')[0]}`));
    const signed = dateSpec(false);
    const status = pick(DEAL_STATUSES);
    const value = quantity({
      unit: 'USD',
      values: money,
      words: `the ${type.replace('-', ' ')} between ${a.name} and ${b.name} is worth #`,
      prefix: 'US$',
      ranges: false,
    });
    /** @type {Record<string, unknown>[]} */
    const claims = [
      claimOf(
        { property: type === 'takeover-offer' ? 'offer-value' : 'deal-value', quantity: value.q },
        value.text,
      ),
      claimOf(
        { property: 'date-of-event', date: signed.value },
        `${a.name} and ${b.name} agreed terms ${signed.words}`,
        somePerson(),
      ),
    ];
    if (type === 'joint-venture' || type === 'acquisition') {
      const own = quantity({
        unit: '%',
        values: () => ({ value: int(5, 95) }),
        words: `${a.name} will hold #% of the venture`,
        ranges: false,
      });
      claims.push(
        claimOf({ property: 'ownership', quantity: own.q, modality: 'planned' }, own.text),
      );
    }
    return {
      id,
      kind: 'deal',
      name,
      type,
      parties: [
        { ref: a.id, role: ra },
        { ref: b.id, role: rb },
      ],
      commodities: [c],
      status,
      signed: rnd() < 0.6 ? signed.value : undefined,
      place: pick(sk.country).id,
      description: `${cap(type.replace('-', ' '))} between ${a.name} and ${b.name} covering ${commodityName(c)}; status ${status}.`,
      citations: [
        cite(
          `${a.name} and ${b.name} ${pick(['signed', 'announced', 'discussed'])} ${an(`${commodityName(c)} ${type.replace('-', ' ')}`)}`,
        ),
      ],
      claims,
    };
  });

  // --- policies
  recs.policy = sk.policy.map((p) => {
    const type = /** @type {string} */ (p.type);
    const country = pick(sk.country);
    const issuer = rnd() < 0.7 && states.length > 0 ? pick(states).id : country.id;
    const c = pickSome(['copper', ...MINED, 'rare-earths', 'rare-metals'], int(1, 3));
    const y = int(2018, 2028);
    const y2 = y + int(2, 8);
    const name = `${country.name} ${c.map(commodityName).join(' and ')} ${POLICY_NOUN[type]} ${y}-${y2}`;
    const id = uid(slug(`${country.name} ${type} ${y}`));
    const change = quantity({
      unit: '%',
      values: () => ({ value: int(5, 80) }),
      words: `the ${POLICY_NOUN[type]} aims at a #% increase in investment`,
      ranges: false,
    });
    const status = pick(POLICY_STATUSES);
    return {
      id,
      kind: 'policy',
      name,
      type,
      issuer,
      scope: [country.id],
      commodities: c,
      period: { start: String(y), end: String(y2) },
      status,
      description: `${cap(POLICY_NOUN[type])} of ${country.name} for ${c.map(commodityName).join(', ')}, ${y} to ${y2}; status ${status}.`,
      citations: [cite(`${name} has been ${pick(['approved', 'announced', 'adopted'])}`)],
      claims: [
        claimOf(
          { property: 'change', quantity: change.q, when: { on: String(y2), modality: 'target' } },
          `${change.text} by ${y2}`,
          somePerson(),
        ),
        claimOf(
          // "the plan is proposed" states a status: a fact, whatever the status word
          {
            property: 'status',
            text: `${cap(status.replace('-', ' '))}.`,
            ...(status === 'proposed' ? { modality: 'actual' } : {}),
          },
          `the ${POLICY_NOUN[type]} is ${status.replace('-', ' ')}`,
        ),
      ],
    };
  });

  // --- sources last: their texts hold every sentence quoted above
  recs.source = sk.source.map((s, i) => {
    const pub = pickOrg(media);
    const title = `${s.name}: ${pick(['mining', 'metals', 'minerals'])} news ${i + 1}`;
    const r = {
      id: s.id,
      kind: 'source',
      name: s.name,
      title,
      publisher: pub.name,
      publisher_ref: pub.id,
      published:
        rnd() < 0.8
          ? dateSpec(false).value
          : {
              start: String(year()),
              inferred: true,
              reason:
                'The text reports events of that year as recent; it gives no date of its own.',
            },
      language: 'en',
      file: s.file,
      description: `Synthetic ${s.name.split(' ').pop()} published by ${pub.name}; its text is generated with the records that quote it.`,
      citations: [{ source: s.id, quote: title }],
    };
    sentences[i].unshift(`${title}`, `${pub.name}`);
    return r;
  });

  /** @type {Map<string, string>} */
  const files = new Map();
  /** @type {Record<string, unknown>[]} */
  const all = [];
  for (const kind of KIND_ORDER) {
    const list = recs[kind].map(clean);
    all.push(...list);
    const dir = DIR_OF[/** @type {keyof typeof DIR_OF} */ (kind)];
    for (let f = 0; f * RECORDS_PER_FILE < list.length; f++) {
      const chunk = list.slice(f * RECORDS_PER_FILE, (f + 1) * RECORDS_PER_FILE);
      files.set(
        `${dir}/${dir}-${String(f + 1).padStart(4, '0')}.yaml`,
        yamlFile(
          chunk,
          `Synthetic ${kind} records (seed ${opts.seed}), generated by scripts/synth.mjs.`,
        ),
      );
    }
  }
  for (const [i, s] of sk.source.entries())
    files.set(`seeds/${s.file}`, sourceText(sentences[i], rnd));
  const copperDeposits = all
    .filter(
      (r) => r.kind === 'deposit' && /** @type {string[]} */ (r.commodities).includes('copper'),
    )
    .map((r) => /** @type {string} */ (r.id));
  return { files, records: all, counts, copperDeposits };
}

/** Drop undefined fields, recursively, so YAML and JSON agree. @param {any} v @returns {any} */
function clean(v) {
  if (Array.isArray(v)) return v.map(clean);
  if (v !== null && typeof v === 'object') {
    /** @type {Record<string, unknown>} */
    const out = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = clean(x);
    return out;
  }
  return v;
}

/**
 * A stored text: headline, outlet line, then paragraphs of 3-6 sentences wrapped at 90 columns.
 * @param {string[]} lines @param {() => number} rnd
 */
function sourceText(lines, rnd) {
  const [title, outlet, ...body] = lines;
  // interleave what the records quote, as an article would mix its subjects
  for (let i = body.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [body[i], body[j]] = [body[j], body[i]];
  }
  const paras = [];
  for (let i = 0; i < body.length; ) {
    const k = 3 + Math.floor(rnd() * 4);
    paras.push(folded(body.slice(i, i + k).join(' '), ''));
    i += k;
  }
  return `${title}\n\n${outlet}\n\n${paras.join('\n\n')}\n`;
}

/**
 * Write a synthesized base under `dir` (created; must not hold another base's files).
 * @param {string} dir @param {SynthResult} result @param {{json?: string}} [opts]
 */
export function writeBase(dir, result, opts = {}) {
  fs.mkdirSync(dir, { recursive: true });
  const made = new Set();
  for (const [rel, text] of result.files) {
    const p = path.join(dir, rel);
    const d = path.dirname(p);
    if (!made.has(d)) {
      fs.mkdirSync(d, { recursive: true });
      made.add(d);
    }
    fs.writeFileSync(p, text);
  }
  // the schema the modelines point at (../schema.json from each kind's directory)
  const schema = path.join(HERE, '..', 'data', 'schema.json');
  if (fs.existsSync(schema)) fs.copyFileSync(schema, path.join(dir, 'schema.json'));
  if (opts.json) writeJson(opts.json, result.records);
}

/** All records as one JSON array, one record a line. @param {string} file @param {unknown[]} records */
export function writeJson(file, records) {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const fd = fs.openSync(file, 'w');
  try {
    fs.writeSync(fd, '[\n');
    for (let i = 0; i < records.length; i++)
      fs.writeSync(fd, `${JSON.stringify(records[i])}${i + 1 < records.length ? ',' : ''}\n`);
    fs.writeSync(fd, ']\n');
  } finally {
    fs.closeSync(fd);
  }
}

const USAGE = `usage: node scripts/synth.mjs --records N --seed S --out DIR [--json FILE]

Writes a valid synthetic fact base of N records (N >= ${MIN_RECORDS}) to DIR: one directory per kind,
${RECORDS_PER_FILE} records a file, source texts in DIR/seeds/. Same N and seed, same bytes.
  --records N   number of records (default 1000)
  --seed S      PRNG seed, a whole number (default 1)
  --out DIR     output directory (must be empty or absent)
  --json FILE   also write every record as one JSON array (for jq)`;

/** @param {string[]} argv */
function main(argv) {
  /** @type {Record<string, string>} */
  const o = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '-h' || a === '--help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    const m = /^--(records|seed|out|json)(?:=(.*))?$/.exec(a);
    if (!m) return fail(`unknown argument ${JSON.stringify(a)}`);
    const v = m[2] ?? argv[++i];
    if (v === undefined) return fail(`${a} needs a value`);
    o[m[1]] = v;
  }
  const records = Number(o.records ?? 1000);
  const seed = Number(o.seed ?? 1);
  if (!Number.isInteger(records) || records < MIN_RECORDS)
    return fail(`--records must be a whole number of at least ${MIN_RECORDS}`);
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)
    return fail('--seed must be a whole number from 0 to 4294967295');
  if (!o.out) return fail('--out DIR is required');
  if (fs.existsSync(o.out) && fs.readdirSync(o.out).length > 0)
    return fail(`--out ${o.out} is not empty`);
  const result = synthesize({ records, seed });
  writeBase(o.out, result, { json: o.json });
  process.stderr.write(
    `wrote ${result.records.length} records in ${[...result.files.keys()].filter((f) => f.endsWith('.yaml')).length} files to ${o.out} (${result.copperDeposits.length} copper deposits)\n`,
  );
  return 0;
}

/** @param {string} msg */
function fail(msg) {
  process.stderr.write(`synth: ${msg}\n${USAGE}\n`);
  return 2;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href)
  process.exitCode = main(process.argv.slice(2));
