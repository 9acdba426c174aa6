import { parse, type ExecutionArgs, type GraphQLSchema } from 'graphql';
import type { Viewer } from '../../src/auth/viewer';
import { changeEventOf, resultGroupOf, shareResult, sharedResultOf } from '../../src/graphql/shared-results';

const args = (text: string, variableValues: Record<string, unknown> = {}): ExecutionArgs => ({
  schema: {} as GraphQLSchema,
  document: parse(text),
  variableValues,
});

const viewer = (subject: string, roles: string[], tenantCode = '371400'): Viewer => ({
  subject,
  name: subject,
  tenantCode,
  roles: new Set(roles),
  isServiceAccount: false,
  expiresAt: undefined,
});

const DOCUMENT = 'subscription($t: String!) { projectChanged(tenantCode: $t) { cursor kind } }';

describe('resultGroupOf: which subscriptions share an execution', () => {
  it('groups an event-only document by document, variables and language, whoever the viewer', () => {
    expect(resultGroupOf(args(DOCUMENT, { t: '371400' }), 'zh', undefined)).toBe(
      resultGroupOf(args(DOCUMENT, { t: '371400' }), 'zh', undefined),
    );
    expect(resultGroupOf(args(DOCUMENT, { t: '371400' }), 'zh', undefined)).not.toBe(
      resultGroupOf(args(DOCUMENT, { t: '371402' }), 'zh', undefined),
    );
    expect(resultGroupOf(args(DOCUMENT), 'zh', undefined)).not.toBe(resultGroupOf(args(DOCUMENT), 'en', undefined));
    expect(resultGroupOf(args(DOCUMENT), 'zh', undefined)).not.toBe(
      resultGroupOf(args('subscription { projectChanged(tenantCode: "371400") { cursor } }'), 'zh', undefined),
    );
  });

  it('groups a document that reads the database by the viewer too: subject, tenant and roles, in any order', () => {
    const group = (v: Viewer) => resultGroupOf(args(DOCUMENT), 'zh', v);
    expect(group(viewer('a', ['city-leader', 'supervisor']))).toBe(group(viewer('a', ['supervisor', 'city-leader'])));
    expect(group(viewer('a', ['city-leader']))).not.toBe(group(viewer('b', ['city-leader'])));
    expect(group(viewer('a', ['city-leader']))).not.toBe(group(viewer('a', ['supervisor'])));
    expect(group(viewer('a', ['city-leader']))).not.toBe(group(viewer('a', ['city-leader'], '371402')));
  });
});

describe('shareResult: one execution per event and group', () => {
  it('runs once for every member of a group, apart for another group or event', () => {
    let runs = 0;
    const run = () => {
      runs += 1;
      return sharedResultOf({ data: { n: runs } });
    };
    const [event, other] = [{}, {}];
    const first = shareResult(event, 'g', run);
    expect(shareResult(event, 'g', run)).toBe(first);
    expect(runs).toBe(1);
    shareResult(event, 'h', run);
    shareResult(other, 'g', run);
    expect(runs).toBe(3);
  });

  it('shares a pending execution, and runs again for the next member after one that failed', async () => {
    const event = {};
    let runs = 0;
    const failing = () => {
      runs += 1;
      return Promise.reject(new Error('away'));
    };
    const a = shareResult(event, 'g', failing);
    const b = shareResult(event, 'g', failing);
    expect(b).toBe(a);
    await expect(a).rejects.toThrow('away');
    await new Promise((resolve) => setImmediate(resolve));
    await expect(shareResult(event, 'g', failing)).rejects.toThrow('away');
    expect(runs).toBe(2);
  });

  it('serializes a result without errors once, and leaves one with errors to each connection', () => {
    expect(sharedResultOf({ data: { a: 1 } }).json?.toString()).toBe('{"data":{"a":1}}');
    expect(sharedResultOf({ data: null, errors: [new Error('x') as never] }).json).toBeUndefined();
  });

  it('shares only under a change event: a rollup tick is executed per use', () => {
    const event = { cursor: { tx: 1n, id: 1n } };
    expect(changeEventOf({ event })).toBe(event);
    expect(changeEventOf({ tenantCode: '371400', period: '2026-10' })).toBeUndefined();
    expect(changeEventOf(undefined)).toBeUndefined();
  });
});
