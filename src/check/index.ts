// Whole-base rules, run after every file is loaded: ids unique, references resolve to the right
// kind, parent and group chains end (cycles.ts), quotes occur in their source, hedge words agree
// with bounds, units fit properties.
import type { Diagnostic } from '../diagnostics.js';
import { compareDiagnostics } from '../diagnostics.js';
import { KINDS, PROPERTIES, UNITS, VALUE_KEYS, type Claim, type Kind } from '../schema/index.js';
import { closest } from '../util/suggest.js';
import { checkBodyRules } from './body.js';
import { checkCycles } from './cycles.js';
import type { CheckInput, Locate, Located } from './input.js';

export type { CheckInput, Locate };
import { checkHedge } from './hedges.js';
import { findModalityMarker } from '../schema/markers.js';
import { nearestText, normalizeText, quoteOccurs } from '../util/quotes.js';
import { refsOf } from '../schema/kinds.js';
import { citationsOf } from '../schema/refs.js';

const isKind = (k: string | undefined): k is Kind =>
  (KINDS as readonly (string | undefined)[]).includes(k);

/**
 * `kindOf`: the kind of ids that are not in `base` but exist elsewhere (the cache's, when only some
 * files of a base are checked again). `settled`: records known to pass their own checks (their
 * references, quotes and claims), which are not run again; the rules across records still are.
 */
export function checkBase<L>(
  base: CheckInput<L>,
  diagnosticAt: Locate<L>,
  kindOf?: (id: string) => string | undefined,
  settled?: ReadonlySet<object>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  // Ids come from every item that names one, valid or not, so that a record with a schema error
  // still counts as existing and does not set off a cascade of unknown-ref errors.
  const byId = new Map<string, CheckInput<L>['ids'][number]>();
  for (const site of base.ids) {
    const first = byId.get(site.id);
    if (first) {
      const f = diagnosticAt(first.at, ['id'], 'duplicate-id');
      out.push(
        diagnosticAt(site.at, ['id'], 'duplicate-id', {
          id: site.id,
          first: `${f.file}:${f.line}:${f.col}`,
        }),
      );
    } else byId.set(site.id, site);
  }
  const ids = [...byId.keys()];

  const normSources = new Map<string, string>();
  const normSource = (id: string): string | undefined => {
    const t = base.texts.get(id);
    if (t === undefined) return undefined;
    let n = normSources.get(id);
    if (n === undefined) normSources.set(id, (n = normalizeText(t.text)));
    return n;
  };

  for (const lr of base.records) {
    const { record, at } = lr;
    if (settled?.has(record)) continue;
    for (const ref of refsOf(record)) {
      const site = byId.get(ref.id);
      const outside = site ? undefined : kindOf?.(ref.id);
      const target = site ?? (outside === undefined ? undefined : { kind: outside });
      if (!target)
        out.push(
          diagnosticAt(at, ref.path, 'unknown-ref', {
            id: ref.id,
            suggestions: closest(ref.id, ids),
          }),
        );
      // A target whose kind is not a kind at all has its own unknown-kind error: no cascade.
      else if (
        ref.expected !== 'any' &&
        isKind(target.kind) &&
        !(ref.expected as readonly string[]).includes(target.kind)
      )
        out.push(
          diagnosticAt(at, ref.path, 'ref-kind', {
            id: ref.id,
            kind: target.kind,
            field: ref.field,
            expected: ref.expected.join(' or '),
          }),
        );
    }
    for (const { path, citation } of citationsOf(record)) {
      const quote = normalizeText(citation.quote);
      // a quote of nothing but white space "occurs" in every text and so verifies nothing
      if (quote === '') {
        out.push(diagnosticAt(at, [...path, 'quote'], 'empty-text'));
        continue;
      }
      const source = base.texts.get(citation.source);
      if (source === undefined) continue; // unknown source or unreadable text: reported already
      const normText = () => normSource(citation.source)!;
      if (!quoteOccurs(source.text, normText, citation.quote, quote))
        out.push(
          diagnosticAt(at, [...path, 'quote'], 'quote-not-found', {
            source: citation.source,
            file: source.file,
            nearest: nearestText(quote, normText()),
          }),
        );
    }
    for (const [i, claim] of (record.claims ?? []).entries())
      out.push(...checkClaim(lr, i, claim, diagnosticAt));
  }
  out.push(...checkBodyRules(base, diagnosticAt));
  out.push(...checkCycles(base.records, diagnosticAt));
  return out.sort(compareDiagnostics);
}

/** The checks of one claim of a record: they read nothing but the claim. */
export function checkClaim<L>(
  lr: Located<L>,
  i: number,
  claim: Claim,
  diagnosticAt: Locate<L>,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const spec = PROPERTIES[claim.property];
  const found = VALUE_KEYS.find((k) => claim[k] !== undefined);
  if (found === undefined) return out; // the schema already said a value is missing
  if (spec.value !== 'any' && spec.value !== found) {
    out.push(
      diagnosticAt(lr.at, ['claims', i, found], 'value-property', {
        property: claim.property,
        expected: spec.value,
        found,
      }),
    );
    return out;
  }
  // a claim that says nothing of its modality is actual: a future or conditional word in its
  // quote is worth a look (writing `modality: actual` says the figure holds now all the same)
  if (claim.modality === undefined)
    for (const [j, c] of claim.citations.entries()) {
      const marker = findModalityMarker(normalizeText(c.quote));
      if (marker) {
        out.push(
          diagnosticAt(lr.at, ['claims', i, 'citations', j, 'quote'], 'modality-marker', {
            marker: marker.marker,
            expected: marker.expected,
            citation: j,
          }),
        );
        break;
      }
    }
  const q = claim.quantity;
  if (q === undefined) return out;
  if (spec.value === 'quantity') {
    const dim = UNITS[q.unit].dimension;
    if (!(spec.dimensions as readonly string[]).includes(dim)) {
      const allowed = Object.entries(UNITS)
        .filter(([, u]) => (spec.dimensions as readonly string[]).includes(u.dimension))
        .map(([name]) => name)
        .join(', ');
      out.push(
        diagnosticAt(lr.at, ['claims', i, 'quantity', 'unit'], 'unit-property', {
          unit: q.unit,
          property: claim.property,
          allowed,
        }),
      );
    }
  }
  if (q.value !== undefined)
    for (const [j, c] of claim.citations.entries()) {
      const finding = checkHedge(normalizeText(c.quote), q.value, q.bound);
      if (finding)
        out.push(
          diagnosticAt(
            lr.at,
            ['claims', i, 'quantity', q.bound === 'exact' ? 'value' : 'bound'],
            'hedge-bound',
            {
              hedge: finding.hedge,
              bound: q.bound,
              expected: finding.expected,
              citation: j,
            },
          ),
        );
    }
  return out;
}
