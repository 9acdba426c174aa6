import { AsyncLocalStorage } from 'node:async_hooks';
import type { NextFunction, Request, Response } from 'express';
import { DEFAULT_LANGUAGE, LANGUAGE_TAGS, languageOf, type Language } from './language';

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
 * Answers the rest of the request in the language its Accept-Language asks for, and says so
 * (`Content-Language`; `Vary` for caches, since GET queries may be cached). Mounted after the body
 * parser: a stream's events would run outside the async context this opens.
 */
export function answerInRequestLanguage(req: Request, res: Response, next: NextFunction): void {
  const language = languageOf(req.headers['accept-language']);
  res.setHeader('content-language', LANGUAGE_TAGS[language]);
  res.vary('accept-language');
  requestLanguages.run(language, next);
}
