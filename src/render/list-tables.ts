// The list commands' tables for `minerals export`: one a list command, named like it, with the
// columns and cells of `minerals LIST --format csv` (an empty cell NULL; a right-aligned column of
// numbers as numbers), its rows in its order. Made from the list's own fields (kinds.ts), so an
// exported table and the list never drift apart. Pure: the export writes them.
import type { FactIndex } from '../query/facts.js';
import type { FactRecord } from '../schema/index.js';
import { LIST_COMMANDS } from '../schema/kinds.js';
import { KIND_VIEWS } from './kinds.js';
import { csvCells, selectFields } from './output.js';

interface ListTable {
  name: string;
  columns: Array<{ name: string; type: 'TEXT' | 'INTEGER' | 'REAL' }>;
  rows: unknown[][];
}

export function listTables(index: FactIndex): ListTable[] {
  return LIST_COMMANDS.map(({ command, kinds }) => {
    const view = KIND_VIEWS[kinds[0]!].list!;
    const fields = selectFields(view.fields(index), undefined, 'csv');
    const rows = kinds.flatMap((k) => index.ofKind(k) as readonly FactRecord[]);
    index.prefetch(rows);
    const numeric = fields.map(
      (f) =>
        f.align === 'right' &&
        f.csv === undefined &&
        rows.every((r) => {
          const v = f.value(r);
          return v === null || v === undefined || (typeof v === 'number' && Number.isFinite(v));
        }),
    );
    return {
      name: command,
      columns: fields.map((f, i) => ({
        name: f.name,
        type: !numeric[i]
          ? 'TEXT'
          : rows.every((r) => Number.isInteger(f.value(r) ?? 0))
            ? 'INTEGER'
            : 'REAL',
      })),
      rows: rows.map((r) =>
        csvCells(r, fields).map((cell, i) =>
          numeric[i] ? ((fields[i]!.value(r) as number | null) ?? null) : cell === '' ? null : cell,
        ),
      ),
    };
  });
}
