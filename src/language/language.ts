import Negotiator from 'negotiator';

/**
 * The languages the API answers in: simplified Chinese for the officials who use it, English for
 * integrators and operators. Chinese unless the client asks for English: the users are Chinese
 * officials, and a browser or client that says nothing gets what they read.
 */
export type Language = 'zh' | 'en';

export const DEFAULT_LANGUAGE: Language = 'zh';

/** How a response names its language (`Content-Language`). */
export const LANGUAGE_TAGS: Readonly<Record<Language, string>> = { zh: 'zh-CN', en: 'en' };

/**
 * The language a tag asks for, if the API serves it. Every Chinese tag (zh, zh-CN, zh-Hans,
 * zh-TW ...) is answered in simplified Chinese, the only Chinese served: closer to what its
 * reader reads than English.
 */
function served(tag: string): Language | undefined {
  const primary = tag.toLowerCase().split('-')[0];
  if (primary === 'zh') return 'zh';
  if (primary === 'en') return 'en';
  return undefined;
}

/**
 * The language of an `Accept-Language` value (HTTP header, or the `language` of a graphql-ws
 * connection): its most preferred language the API serves, by q-value (q=0 refuses), Chinese
 * when it names none of them, is `*`, malformed or absent.
 */
export function languageOf(acceptLanguage: unknown): Language {
  if (typeof acceptLanguage !== 'string' || acceptLanguage.trim() === '') return DEFAULT_LANGUAGE;
  const preferred = new Negotiator({ headers: { 'accept-language': acceptLanguage } }).languages();
  for (const tag of preferred) {
    const language = served(tag);
    if (language) return language;
  }
  return DEFAULT_LANGUAGE;
}

/**
 * The language of a graphql-ws connection: `language` in connection_init's payload (an
 * Accept-Language value: "en", "zh-CN", "en;q=0.9, zh;q=0.8"), else the Accept-Language header of
 * the WebSocket upgrade (which browsers send by themselves), else Chinese.
 */
export function connectionLanguage(params: Readonly<Record<string, unknown>> | undefined, upgradeAcceptLanguage: unknown): Language {
  const asked = params?.['language'];
  return languageOf(typeof asked === 'string' && asked.trim() !== '' ? asked : upgradeAcceptLanguage);
}
