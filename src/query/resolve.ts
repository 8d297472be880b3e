// What the user types to name a record: its id, name, an alias or a chemical symbol, in any case;
// or an unambiguous prefix of a word of one of those.
import type { FactRecord, Kind } from '../schema/index.js';
import { closest } from '../util/suggest.js';
import type { FactIndex } from './facts.js';

export type Resolution =
  | { ok: true; record: FactRecord }
  | { ok: false; reason: 'none' | 'ambiguous'; candidates: string[] };

/** A name as typed and as stored, compared: NFKC, lower case, trimmed. */
export const foldName = (s: string) => s.normalize('NFKC').toLocaleLowerCase('en').trim();
/** The names a record answers to: its id, name, aliases and (a commodity) symbol. */
export const namesOf = (r: FactRecord): string[] => [
  r.id,
  r.name,
  ...(r.aliases ?? []),
  ...(r.kind === 'commodity' && r.symbol ? [r.symbol] : []),
];
const words = (s: string) =>
  foldName(s)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');

export function resolve(index: FactIndex, text: string, kinds?: readonly Kind[]): Resolution {
  const q = foldName(text);
  const unique = (rs: FactRecord[]) => [...new Map(rs.map((r) => [r.id, r])).values()];
  const exactly = (exact: FactRecord[]): Resolution | null =>
    exact.length === 1
      ? { ok: true, record: exact[0]! }
      : exact.length > 1
        ? { ok: false, reason: 'ambiguous', candidates: exact.map((r) => r.id) }
        : null;

  // an id, then an exact name: read by itself where the store can (no kind read whole)
  const direct = index.get(q);
  if (direct && (!kinds || kinds.includes(direct.kind))) return { ok: true, record: direct };
  const named = index.named(q);
  const ofKinds = (rs: readonly FactRecord[]) =>
    kinds ? kinds.flatMap((k) => rs.filter((r) => r.kind === k)) : [...rs];
  let all: FactRecord[] | undefined;
  const pool = () =>
    (all ??= kinds ? kinds.flatMap((k) => index.ofKind(k)) : [...index.byId.values()]);
  const found = exactly(
    unique(
      named ? ofKinds(named) : pool().filter((r) => namesOf(r).some((n) => foldName(n) === q)),
    ),
  );
  if (found) return found;

  // every word typed must start a word of the same name, in order ("eurasian res" -> ERG)
  const qWords = words(text);
  const prefix = unique(
    pool().filter((r) =>
      namesOf(r).some((n) => {
        const nw = words(n);
        let i = 0;
        for (const w of nw) if (i < qWords.length && w.startsWith(qWords[i]!)) i++;
        return qWords.length > 0 && i === qWords.length;
      }),
    ),
  );
  if (prefix.length === 1) return { ok: true, record: prefix[0]! };
  if (prefix.length > 1)
    return { ok: false, reason: 'ambiguous', candidates: prefix.map((r) => r.id).slice(0, 8) };
  // symbols are left out of suggestions: one or two letters are near everything
  const candidates = closest(
    q,
    pool().flatMap((r) => [r.id, r.name, ...(r.aliases ?? [])].map(foldName)),
    6,
  );
  const ids = [
    ...new Set(
      candidates.map(
        (c) => pool().find((r) => r.id === c || namesOf(r).some((n) => foldName(n) === c))!.id,
      ),
    ),
  ];
  return { ok: false, reason: 'none', candidates: ids.slice(0, 3) };
}
