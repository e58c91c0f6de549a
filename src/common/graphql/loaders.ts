import DataLoader from 'dataloader';

/**
 * Per-request DataLoaders, created lazily by name. Each GraphQL request gets
 * a fresh registry in its context, so batching never leaks across requests.
 */
export class LoaderRegistry {
  private readonly loaders = new Map<string, DataLoader<string, unknown>>();

  get<V>(name: string, batch: (keys: readonly string[]) => Promise<V[]>): DataLoader<string, V> {
    let loader = this.loaders.get(name);
    if (!loader) {
      loader = new DataLoader<string, unknown>((keys) => batch(keys), { maxBatchSize: 500 });
      this.loaders.set(name, loader);
    }
    return loader as DataLoader<string, V>;
  }
}

export interface GraphQLContext {
  loaders: LoaderRegistry;
}

/** Orders batch results like the keys; a missing key yields `missing`. */
export function alignByKey<T, M = null>(keys: readonly string[], rows: T[], keyOf: (row: T) => string, missing: M = null as M): (T | M)[] {
  const byKey = new Map(rows.map((row) => [keyOf(row), row]));
  return keys.map((key) => byKey.get(key) ?? missing);
}

/** Groups batch results by key, in key order (empty list for a key with none). */
export function groupByKey<T>(keys: readonly string[], rows: T[], keyOf: (row: T) => string): T[][] {
  const grouped = new Map<string, T[]>();
  for (const row of rows) grouped.set(keyOf(row), [...(grouped.get(keyOf(row)) ?? []), row]);
  return keys.map((key) => grouped.get(key) ?? []);
}
