import { isTimestampKey, pageOf, timestampKeyOf } from '../../src/pagination/keyset';

describe('pageOf', () => {
  const cursorOf = (n: number) => `c${n}`;

  it.each([
    { rows: [1, 2, 3, 4], first: 3, after: undefined, nodes: [1, 2, 3], hasNextPage: true, hasPreviousPage: false, start: 'c1', end: 'c3' },
    { rows: [1, 2, 3], first: 3, after: 'c0', nodes: [1, 2, 3], hasNextPage: false, hasPreviousPage: true, start: 'c1', end: 'c3' },
    { rows: [], first: 3, after: 'c9', nodes: [], hasNextPage: false, hasPreviousPage: true, start: null, end: null },
  ])('pages $rows at $first after $after', ({ rows, first, after, nodes, hasNextPage, hasPreviousPage, start, end }) => {
    const page = pageOf(rows, first, after, cursorOf, async () => 0);
    expect(page.nodes).toEqual(nodes);
    expect(page.edges.map((e) => e.cursor)).toEqual(nodes.map(cursorOf));
    expect(page.pageInfo).toEqual({ hasNextPage, hasPreviousPage, startCursor: start, endCursor: end });
  });

  it('counts only when totalCount is read', async () => {
    let counted = 0;
    const page = pageOf([1], 1, undefined, cursorOf, async () => ++counted);
    expect(counted).toBe(0);
    await expect(page.totalCount).resolves.toBe(1);
  });
});

describe('isTimestampKey', () => {
  it.each([
    ['2026-12-03T02:11:03.123Z', true],
    ['2026-12-03T10:11:03.123456+08:00', true],
    ['2026-12-03T10:11:03-05:30', true],
    ['2026-12-03', false],
    ['2026-02-30T00:00:00.000Z', false],
    ['2026-12-03T24:00:00.000Z', false],
    ['2026-12-03T10:11:03.1234567Z', false],
    ['0000-12-03T10:11:03Z', false],
    ['2026-12-03T10:11:03+16:00', false],
    ['2026-13-45T99:99:99.000Z', false],
    ['yesterday', false],
  ])('%s: %s', (key, expected) => expect(isTimestampKey(key)).toBe(expected));
});

describe('timestampKeyOf', () => {
  it.each([
    ['2026-12-03 02:11:03.123456+00', '2026-12-03T02:11:03.123456+00:00'],
    ['2026-12-03 10:11:03+08', '2026-12-03T10:11:03+08:00'],
    ['2026-12-03 10:11:03.5+05:30', '2026-12-03T10:11:03.5+05:30'],
  ])('%s is the key %s, a key isTimestampKey accepts', (text, key) => {
    expect(timestampKeyOf(text)).toBe(key);
    expect(isTimestampKey(key)).toBe(true);
  });
});
