import type { Response } from 'express';

/**
 * Headers of the HTML pages this server renders itself (GET /, the GraphiQL page). Their
 * Content-Security-Policy names no other origin: on a government network without internet nothing
 * may come from a CDN, and nothing the page does may report to a third party.
 */
export function setPageHeaders(res: Response, contentSecurityPolicy: Readonly<Record<string, string>>): void {
  const directives = {
    'default-src': "'none'",
    'base-uri': "'none'",
    'form-action': "'none'",
    'frame-ancestors': "'none'",
    ...contentSecurityPolicy,
  };
  res.setHeader(
    'content-security-policy',
    Object.entries(directives)
      .map(([name, value]) => `${name} ${value}`)
      .join('; '),
  );
  res.setHeader('x-content-type-options', 'nosniff');
  res.setHeader('referrer-policy', 'no-referrer');
  // The page is rendered per request and may name the environment: never from a shared cache.
  res.setHeader('cache-control', 'no-store');
}
