import { AsyncLocalStorage } from 'node:async_hooks';
import type http from 'node:http';
import { DEFAULT_LANGUAGE, LANGUAGE_TAGS, type Language } from './language';

/**
 * The language of the HTTP request being answered. Apollo formats errors (formatError) without
 * the request or its context, also for errors thrown while the context is being built (a refused
 * token); the request's language reaches it through the request's async context instead.
 */
const requestLanguages = new AsyncLocalStorage<Language>();

/** The language of the HTTP request this code runs for; Chinese outside any request. */
export function requestLanguage(): Language {
  return requestLanguages.getStore() ?? DEFAULT_LANGUAGE;
}

/**
 * Runs `answer` (the rest of the request) in `language`, and says so (`Content-Language`; `Vary`
 * for caches, since GET queries may be cached). Whatever `answer` awaits runs in the same async
 * context: formatError finds the language there.
 */
export function answerInLanguage<T>(language: Language, res: http.ServerResponse, answer: () => Promise<T>): Promise<T> {
  res.setHeader('content-language', LANGUAGE_TAGS[language]);
  addVary(res, 'accept-language');
  return requestLanguages.run(language, answer);
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
