import { buildSchema, specifiedRules } from 'graphql';
import { DocumentCache } from '../../src/graphql/document-cache';

const schema = buildSchema('type Query { a: Int, b(x: Int!): Int }');

describe('DocumentCache', () => {
  it('hands every sender of the same text one parsed document', () => {
    const cache = new DocumentCache(schema, { rules: specifiedRules, maxTokens: 5000, hideSuggestions: false });
    const first = cache.prepare('{ a }');
    const second = cache.prepare('{ a }');
    expect('document' in first && 'document' in second && first.document === second.document).toBe(true);
  });

  it('codes parse and validation failures as HTTP does', () => {
    const cache = new DocumentCache(schema, { rules: specifiedRules, maxTokens: 5000, hideSuggestions: false });
    const unparsable = cache.prepare('{ a');
    const invalid = cache.prepare('{ b nope }');
    expect('errors' in unparsable && unparsable.errors.map((e) => e.extensions['code'])).toEqual(['GRAPHQL_PARSE_FAILED']);
    expect('errors' in invalid && invalid.errors.map((e) => e.extensions['code'])).toEqual([
      'GRAPHQL_VALIDATION_FAILED',
      'GRAPHQL_VALIDATION_FAILED',
    ]);
  });

  it('keeps at most its capacity, dropping the least recently used text', () => {
    const cache = new DocumentCache(schema, { rules: specifiedRules, maxTokens: 5000, hideSuggestions: false }, 2);
    const a = cache.prepare('{ a }');
    const b1 = cache.prepare('{ b(x: 1) }');
    cache.prepare('{ a }'); // used again: now the most recent
    cache.prepare('{ b(x: 2) }'); // evicts `{ b(x: 1) }`
    expect(cache.prepare('{ a }')).toBe(a);
    expect(cache.prepare('{ b(x: 1) }')).not.toBe(b1); // parsed anew
  });
});
