// Turns zod issues into diagnostic codes with arguments. Positions are attached by the caller,
// which knows where each path is in the YAML text.
import type { z } from 'zod';
import { closest } from '../util/suggest.js';
import type { PathSeg } from '../schema/refs.js';

export interface SchemaProblem {
  code: string;
  path: PathSeg[];
  /** Point at the key itself rather than its value (unknown keys). */
  atKey?: boolean;
  args: Record<string, unknown>;
}

type AnySchema = z.core.$ZodType;
type Def = {
  type: string;
  innerType?: AnySchema;
  in?: AnySchema;
  element?: AnySchema;
  options?: AnySchema[];
  shape?: Record<string, AnySchema>;
  discriminator?: string;
  values?: unknown[];
};
const defOf = (s: AnySchema): Def => (s as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(s: AnySchema): AnySchema {
  for (;;) {
    const d = defOf(s);
    if (
      (d.type === 'optional' ||
        d.type === 'default' ||
        d.type === 'nullable' ||
        d.type === 'readonly') &&
      d.innerType
    )
      s = d.innerType;
    else if (d.type === 'pipe' && d.in) s = d.in;
    else return s;
  }
}

/** Pick the object branch of a union that fits the data (by discriminator, else by type). */
function branch(s: AnySchema, data: unknown): AnySchema {
  s = unwrap(s);
  const d = defOf(s);
  if (d.type !== 'union' || !d.options) return s;
  const objects = d.options.map(unwrap).filter((o) => defOf(o).type === 'object');
  if (d.discriminator && data && typeof data === 'object') {
    const v = (data as Record<string, unknown>)[d.discriminator];
    const hit = objects.find((o) => defOf(defOf(o).shape![d.discriminator!]!).values?.includes(v));
    if (hit) return hit;
  }
  return objects[0] ?? s;
}

/** The keys a mapping at `path` may have, walking the schema alongside the data. */
function keysAt(schema: AnySchema, data: unknown, path: readonly PathSeg[]): string[] {
  let s = branch(schema, data);
  let v = data;
  for (const seg of path) {
    const d = defOf(s);
    if (d.type === 'object' && typeof seg === 'string') s = d.shape![seg] ?? s;
    else if (d.type === 'array' && d.element) s = d.element;
    else return [];
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[seg as string] : undefined;
    s = branch(s, v);
  }
  const d = defOf(s);
  return d.type === 'object' ? Object.keys(d.shape!) : [];
}

const valueAt = (data: unknown, path: readonly PathSeg[]): unknown => {
  let v = data;
  for (const seg of path) {
    if (v === null || typeof v !== 'object' || !Object.hasOwn(v, seg)) return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
};

const describeValue = (v: unknown): string =>
  v === undefined
    ? 'nothing'
    : v === null
      ? 'null'
      : Array.isArray(v)
        ? 'a list'
        : typeof v === 'object'
          ? 'a mapping'
          : `${typeof v} ${JSON.stringify(v)}`;

const EXPECTED: Record<string, string> = {
  object: 'a mapping',
  array: 'a list',
  string: 'text',
  number: 'a number',
  boolean: 'true or false',
};

export function schemaProblems(
  schema: AnySchema,
  data: unknown,
  issues: readonly z.core.$ZodIssue[],
  prefix: PathSeg[] = [],
): SchemaProblem[] {
  const out: SchemaProblem[] = [];
  for (const iss of issues) {
    const path = [...prefix, ...(iss.path as PathSeg[])];
    const value = valueAt(data, path);
    const kind = (data as Record<string, unknown> | null)?.kind;
    if (iss.message.startsWith('#')) {
      out.push({ code: iss.message.slice(1), path, args: { value } });
      continue;
    }
    if (
      value === undefined &&
      iss.code !== 'custom' &&
      iss.code !== 'unrecognized_keys' &&
      path.length > 0
    ) {
      const key = path[path.length - 1];
      const inKind = path.length === 1 && typeof kind === 'string' ? kind : undefined;
      out.push({ code: 'missing-key', path: path.slice(0, -1), args: { key, in: inKind } });
      continue;
    }
    switch (iss.code) {
      case 'custom': {
        const params = (iss.params ?? {}) as Record<string, unknown>;
        const { code, ...args } = params;
        out.push({
          code: typeof code === 'string' ? code : 'invalid',
          path,
          args: code ? args : { detail: iss.message },
        });
        break;
      }
      case 'unrecognized_keys': {
        const known = keysAt(schema, data, path);
        for (const key of iss.keys)
          out.push({
            code: 'unknown-key',
            path: [...path, key],
            atKey: true,
            args: {
              key,
              in: path.length === 0 && typeof kind === 'string' ? kind : undefined,
              suggestions: closest(key, known),
            },
          });
        break;
      }
      case 'invalid_type':
        out.push({
          code: 'wrong-type',
          path,
          args: {
            expected: EXPECTED[iss.expected] ?? iss.expected,
            received: describeValue(value),
          },
        });
        break;
      case 'invalid_value': {
        const options = iss.values.map(String);
        out.push({
          code: 'bad-enum',
          path,
          args: {
            value,
            options,
            suggestions: typeof value === 'string' ? closest(value, options) : [],
          },
        });
        break;
      }
      case 'invalid_union': {
        const disc = (iss as { discriminator?: string }).discriminator;
        if (disc !== undefined) {
          const options = ((iss as { options?: unknown[] }).options ?? []).map(String);
          out.push({
            code: 'unknown-kind',
            path,
            args: {
              value,
              options,
              suggestions: typeof value === 'string' ? closest(value, options) : [],
            },
          });
          break;
        }
        // A plain union (a date is text or a mapping): report the branch that fits the value's type.
        const branches = iss.errors.filter(
          (errs) => !errs.some((e) => e.code === 'invalid_type' && e.path.length === 0),
        );
        if (branches.length > 0) out.push(...schemaProblems(schema, data, branches[0]!, path));
        else if (
          typeof value === 'number' &&
          Number.isInteger(value) &&
          value >= 1000 &&
          value <= 9999
        )
          // YAML reads an unquoted 2025 as a number; say how to write it rather than "wrong type"
          out.push({ code: 'date-unquoted', path, args: { value } });
        else
          out.push({
            code: 'wrong-type',
            path,
            args: {
              expected: 'a date (YYYY, YYYY-MM, YYYY-MM-DD) or a date mapping',
              received: describeValue(value),
            },
          });
        break;
      }
      case 'invalid_format':
        out.push({
          code: iss.format === 'url' ? 'bad-url' : 'invalid',
          path,
          args: { value, detail: iss.message },
        });
        break;
      default:
        out.push({ code: 'invalid', path, args: { detail: iss.message } });
    }
  }
  return out;
}
