import type http from 'node:http';
import { DEFAULT_LANGUAGE, LANGUAGE_TAGS, type Language } from './language';

/**
 * The language each error is shown in, from the request it failed: Apollo formats errors
 * (formatError) without the request or its context, also errors thrown before its pipeline (a
 * malformed request, a refused token). Marked on the error itself, not kept in the request's async
 * context: an AsyncLocalStorage, once run, turns on Node 20's promise hooks for every promise of
 * the process for good (about a fifth of a small read's server CPU, bench:api; see
 * src/db/async-context.ts). Weak: an error that is gone is forgotten.
 */
const errorLanguages = new WeakMap<object, Language>();

/** Marks `error` to be shown in `language` (see languageToShow). */
export function showErrorIn(error: unknown, language: Language): void {
  if (typeof error === 'object' && error !== null) errorLanguages.set(error, language);
}

/**
 * The language `error` is shown in: its own mark, or the mark of an error it wraps (Apollo wraps
 * a context's failure, graphql-js a resolver's error); Chinese when none is marked.
 */
export function languageToShow(error: unknown): Language {
  for (let e = error; typeof e === 'object' && e !== null; e = (e as { originalError?: unknown }).originalError) {
    const language = errorLanguages.get(e);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}

/** Says which language the response is in (`Content-Language`; `Vary` for caches, since GET queries may be cached). */
export function sayLanguage(res: http.ServerResponse, language: Language): void {
  res.setHeader('content-language', LANGUAGE_TAGS[language]);
  addVary(res, 'accept-language');
}

/** Adds a header name to the response's `Vary` (which Apollo's headers may add to later: see addVary's callers). */
export function addVary(res: http.ServerResponse, name: string): void {
  const current = res.getHeader('vary');
  const names =
    typeof current === 'string'
      ? current
          .split(',')
          .map((n) => n.trim())
          .filter(Boolean)
      : [];
  if (!names.some((n) => n.toLowerCase() === name.toLowerCase() || n === '*')) names.push(name);
  res.setHeader('vary', names.join(', '));
}
