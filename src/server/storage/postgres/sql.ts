import type { PageQuery } from '../../domain/ports.js';

/** Positional parameters of one statement: `add` returns the `$n` placeholder of a value. */
export class Params {
  constructor(readonly values: unknown[] = []) {}
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** Keyset condition and ORDER BY for (key, id) pagination. */
export function keyset(column: string, idColumn: string, page: PageQuery, p: Params): { where: string; order: string } {
  const dir = page.order === 'asc' ? 'ASC' : 'DESC';
  const cmp = page.order === 'asc' ? '>' : '<';
  const order = `${column} ${dir}, ${idColumn} ${dir}`;
  if (!page.after) return { where: 'TRUE', order };
  const key = p.add(page.after.key);
  return { where: `(${column} ${cmp} ${key} OR (${column} = ${key} AND ${idColumn} ${cmp} ${p.add(page.after.id)}))`, order };
}
