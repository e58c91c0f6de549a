/** Anything with a parameterized `query`: a pg Client, a TypeORM DataSource or EntityManager. */
export interface SqlExecutor {
  query(sql: string, params?: unknown[]): Promise<unknown>;
}

/** PostgreSQL allows 65,535 bind parameters; staying far below keeps statements small. */
const MAX_PARAMS_PER_STATEMENT = 4000;

export interface Column<R> {
  name: string;
  value: (row: R) => unknown;
  /** Wraps the placeholder, e.g. to cast or to convert GeoJSON. */
  sql?: (placeholder: string) => string;
}

export const col = <R>(name: keyof R & string, sql?: (p: string) => string): Column<R> => ({
  name,
  value: (row) => row[name],
  sql,
});

/** Multi-row parameterized INSERTs, a few thousand parameters per statement: never row by row. */
export async function insertBatched<R>(db: SqlExecutor, table: string, columns: Column<R>[], rows: R[]): Promise<number> {
  const perStatement = Math.max(1, Math.floor(MAX_PARAMS_PER_STATEMENT / columns.length));
  const names = columns.map((c) => c.name).join(', ');
  for (let start = 0; start < rows.length; start += perStatement) {
    const batch = rows.slice(start, start + perStatement);
    const params: unknown[] = [];
    const tuples = batch.map((row) => {
      const cells = columns.map((c) => {
        params.push(c.value(row));
        const placeholder = `$${params.length}`;
        return c.sql ? c.sql(placeholder) : placeholder;
      });
      return `(${cells.join(', ')})`;
    });
    await db.query(`INSERT INTO ${table} (${names}) VALUES ${tuples.join(', ')}`, params);
  }
  return rows.length;
}
