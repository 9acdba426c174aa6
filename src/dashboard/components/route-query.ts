import type { RouteLocationNormalizedLoaded } from 'vue-router';

/**
 * A list's filters as its address holds them (?stages=A,B&search=…): one value, or a comma-separated
 * list; a key given twice or not at all reads as empty. Read at call time, so a computed follows the address.
 */
export function routeQuery(route: RouteLocationNormalizedLoaded) {
  const text = (key: string): string => (typeof route.query[key] === 'string' ? (route.query[key] as string) : '');
  return { text, list: (key: string): string[] => text(key).split(',').filter(Boolean) };
}
