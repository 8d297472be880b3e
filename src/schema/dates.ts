// Calendar arithmetic for ISO date prefixes ("2026", "2026-12", "2026-12-05"): the length of
// the prefix is its precision. Pure and dependency-free so the query layer can reuse it.

export type Precision = 'year' | 'month' | 'day';

const SHAPE = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

/** Why a string is not a usable ISO date prefix, or null when it is one. */
export function isoDateProblem(text: string): 'date-format' | 'date-invalid' | null {
  const m = SHAPE.exec(text);
  if (!m) return 'date-format';
  const month = m[2] === undefined ? undefined : Number(m[2]);
  const day = m[3] === undefined ? undefined : Number(m[3]);
  if (month !== undefined && (month < 1 || month > 12)) return 'date-invalid';
  if (day !== undefined && (day < 1 || day > daysInMonth(Number(m[1]), month!)))
    return 'date-invalid';
  return null;
}

export function precisionOf(iso: string): Precision {
  return iso.length === 4 ? 'year' : iso.length === 7 ? 'month' : 'day';
}

/** The first and last calendar day an ISO prefix covers: "2025" spans 2025-01-01 to 2025-12-31. */
export function firstDay(iso: string): string {
  return iso.length === 4 ? `${iso}-01-01` : iso.length === 7 ? `${iso}-01` : iso;
}

export function lastDay(iso: string): string {
  if (iso.length === 4) return `${iso}-12-31`;
  if (iso.length === 7) {
    const days = daysInMonth(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)));
    return `${iso}-${String(days).padStart(2, '0')}`;
  }
  return iso;
}

/** The months a part of a year spans: "late" is September to December, "Q1" January to March. */
export const PART_MONTHS: Readonly<Record<string, readonly [number, number]>> = {
  early: [1, 4],
  mid: [5, 8],
  late: [9, 12],
  end: [11, 12],
  Q1: [1, 3],
  Q2: [4, 6],
  Q3: [7, 9],
  Q4: [10, 12],
  H1: [1, 6],
  H2: [7, 12],
};
