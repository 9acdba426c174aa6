import { connectionLanguage, languageOf } from '../../src/language/language';

describe('the language of a request', () => {
  it.each([
    [undefined, 'zh'],
    ['', 'zh'],
    ['zh', 'zh'],
    ['zh-CN', 'zh'],
    ['zh-Hans', 'zh'],
    ['zh-Hans-CN', 'zh'],
    ['zh-TW', 'zh'],
    ['en', 'en'],
    ['en-US', 'en'],
    ['EN-gb', 'en'],
    ['zh-CN,zh;q=0.9,en;q=0.8', 'zh'],
    ['en-US,en;q=0.9,zh-CN;q=0.8', 'en'],
    ['en;q=0.5, zh;q=0.8', 'zh'],
    ['en-GB;q=0.9, zh;q=0.95', 'zh'],
    ['fr', 'zh'],
    ['fr, en;q=0.5', 'en'],
    ['de-DE, ja;q=0.9', 'zh'],
    ['en;q=0, fr', 'zh'],
    ['*', 'zh'],
    ['garbage;;;q=x', 'zh'],
    [42, 'zh'],
  ] as const)('reads Accept-Language %j as %s', (header, language) => {
    expect(languageOf(header)).toBe(language);
  });

  it("takes a graphql-ws connection's `language` before its upgrade request's Accept-Language", () => {
    expect(connectionLanguage({ language: 'en' }, 'zh-CN')).toBe('en');
    expect(connectionLanguage({ language: 'zh-CN' }, 'en')).toBe('zh');
    expect(connectionLanguage({}, 'en-US')).toBe('en');
    expect(connectionLanguage({ language: '  ' }, 'en')).toBe('en');
    expect(connectionLanguage({ language: 7 }, 'en')).toBe('en');
    expect(connectionLanguage(undefined, undefined)).toBe('zh');
  });
});
