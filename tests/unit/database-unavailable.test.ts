import { DriverException, UniqueConstraintViolationException } from '@mikro-orm/core';
import { GraphQLError } from 'graphql';
import { isDatabaseUnavailable, serviceUnavailable } from '../../src/errors/database-unavailable';
import { createFormatError } from '../../src/errors/format-error';
import { createLogger } from '../../src/logger';

/** An error as pg or node raises it: a message and the fields they set. */
const raised = (message: string, fields: Record<string, unknown> = {}): Error => Object.assign(new Error(message), fields);
/** The same after MikroORM and knex: the statement (values inline) in front of the driver's message. */
const throughOrm = (error: Error): DriverException => {
  error.message = `select set_config('kp.actor_name', '王磊', true) - ${error.message}`;
  return new DriverException(error);
};

describe('isDatabaseUnavailable', () => {
  it.each([
    ['connection refused', raised('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED', syscall: 'connect' })],
    ['connection reset', raised('read ECONNRESET', { code: 'ECONNRESET' })],
    ['connect timed out', raised('connect ETIMEDOUT 10.0.0.5:5432', { code: 'ETIMEDOUT' })],
    ['host name not resolvable during a failover', raised('getaddrinfo EAI_AGAIN db', { code: 'EAI_AGAIN' })],
    ['connection terminated mid-statement, through the ORM', throughOrm(raised('Connection terminated unexpectedly'))],
    ['a client that lost its connection', raised('Client has encountered a connection error and is not queryable')],
    ['pg-pool connect timeout', raised('timeout exceeded when trying to connect')],
    [
      'a pool acquire timeout',
      Object.assign(raised('Knex: Timeout acquiring a connection. The pool is probably full.'), { name: 'KnexTimeoutError' }),
    ],
    [
      'admin shutdown (57P01)',
      throughOrm(raised('terminating connection due to administrator command', { code: '57P01', severity: 'FATAL' })),
    ],
    ['crash shutdown (57P02)', raised('terminating connection because of crash of another server process', { code: '57P02' })],
    ['cannot connect now (57P03)', raised('the database system is starting up', { code: '57P03' })],
    ['too many connections (53300)', raised('sorry, too many clients already', { code: '53300' })],
    ['a standby refusing a write during failover (25006)', raised('cannot execute INSERT in a read-only transaction', { code: '25006' })],
    ['connection failure (08006)', raised('connection failure', { code: '08006' })],
    ['connection does not exist (08003)', raised('connection does not exist', { code: '08003' })],
    ['refused at connect (08001)', raised('could not connect', { code: '08001' })],
    [
      'refused by both addresses (AggregateError)',
      new AggregateError([raised('connect ECONNREFUSED ::1:5432', { code: 'ECONNREFUSED' })], ''),
    ],
    ['wrapped as a cause', new Error('could not load the tenant', { cause: raised('read ECONNRESET', { code: 'ECONNRESET' }) })],
    [
      'wrapped by GraphQL',
      new GraphQLError('Internal error', { originalError: raised('connect ECONNREFUSED 127.0.0.1:5432', { code: 'ECONNREFUSED' }) }),
    ],
  ])('counts %s as an outage', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    [
      'a unique violation',
      new UniqueConstraintViolationException(
        raised('duplicate key value violates unique constraint "project_code_unique"', { code: '23505' }),
      ),
    ],
    [
      'a statement cancelled by the timeout (57014, class 57 too)',
      raised('canceling statement due to statement timeout', { code: '57014' }),
    ],
    ['a division by zero', raised('division by zero', { code: '22012' })],
    ['a syntax error', raised('syntax error at or near "selec"', { code: '42601' })],
    [
      'a statement quoting the words of an outage, failing otherwise',
      throughOrm(raised('invalid input syntax for type uuid: "Connection terminated"', { code: '22P02' })),
    ],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['an expected error', new GraphQLError('Project 1 was not found', { extensions: { code: 'NOT_FOUND' } })],
    ['nothing', undefined],
    ['a string', 'ECONNREFUSED'],
  ])('does not count %s', (_what, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('SERVICE_UNAVAILABLE', () => {
  it('says HTTP 503 with Retry-After and the seconds to wait', () => {
    const error = serviceUnavailable();
    expect(error.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5, http: { status: 503 } });
    expect((error.extensions['http'] as { headers: Map<string, string> }).headers.get('retry-after')).toBe('5');
  });

  it('is what a client sees of an outage met in a resolver, never INTERNAL_SERVER_ERROR', () => {
    const formatError = createFormatError(createLogger({ logLevel: 'silent' }));
    const original = throughOrm(raised('Connection terminated unexpectedly'));
    const located = new GraphQLError(original.message, { path: ['projects'], originalError: original });
    const formatted = formatError(located.toJSON(), located, 'zh');
    expect(formatted.extensions).toEqual({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 5 });
    expect(formatted.path).toEqual(['projects']);
    expect(JSON.stringify(formatted)).not.toContain('王磊');
  });
});
