/**
 * Shapes the result of one batched query into DataLoader's contract: one result per key, in the
 * order of the keys.
 */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}

export function manyPerKey<T>(keys: readonly string[], items: readonly T[], key: (item: T) => string): T[][] {
  const groups = groupBy(items, key);
  return keys.map((k) => groups.get(k) ?? []);
}

export function onePerKey<T>(keys: readonly string[], items: readonly T[], key: (item: T) => string): (T | undefined)[] {
  const byKey = new Map(items.map((item) => [key(item), item]));
  return keys.map((k) => byKey.get(k));
}
