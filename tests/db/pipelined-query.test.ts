import { PipelinedQuery, preparedName, type PipelineStep } from '../../src/db/pipelined-query';
import { ownerClientOn } from '../support/database';

/** PipelinedQuery on a real connection: several statements in one round trip, each prepared once per connection. */
describe('a pipeline of statements', () => {
  const owner = ownerClientOn();

  const run = (steps: PipelineStep[]) => {
    const pipeline = new PipelinedQuery(steps);
    void owner.client().query(pipeline as never);
    return pipeline.answer;
  };
  /** The statements the connection holds prepared under our names. */
  const prepared = async () =>
    (
      await owner.client().query<{ name: string }>("select name from pg_prepared_statements where name like 'kp\\_%' order by name")
    ).rows.map((r) => r.name);
  /** A statement of its own for a test (each text is its own prepared statement). */
  const distinct = (tag: string) => `select $1::int + 1 as n, '${tag}' as tag`;

  it("answers with the last statement's rows, the ones before it run for their effect", async () => {
    const answer = await run([
      { text: 'begin' },
      { text: "select set_config('kp.subject', $1, true)", values: ['王磊'] },
      { text: "select current_setting('kp.subject') as subject, $1::int * 2 as twice", values: [21] },
    ]);
    expect(answer.rows).toEqual([{ subject: '王磊', twice: 42 }]);
    expect(answer.command).toBe('SELECT');
    // The BEGIN opened a transaction that is still open, its setting kept.
    expect((await owner.client().query("select current_setting('kp.subject') as s")).rows[0].s).toBe('王磊');
    await owner.client().query('rollback');
  });

  it('prepares a statement once per connection and binds its values each time', async () => {
    const text = distinct('once');
    const name = preparedName(text)!;
    expect((await run([{ text, values: [1] }])).rows[0]).toEqual({ n: 2, tag: 'once' });
    expect(await prepared()).toContain(name);
    const before = (await owner.client().query('select count(*)::int as n from pg_prepared_statements')).rows[0].n;
    expect((await run([{ text, values: [41] }])).rows[0]).toEqual({ n: 42, tag: 'once' });
    expect((await owner.client().query('select count(*)::int as n from pg_prepared_statements')).rows[0].n).toBe(before);
  });

  it('keeps transaction control and statements that read * unnamed (a migration may change what * is)', () => {
    expect(preparedName('BEGIN TRANSACTION READ ONLY')).toBeUndefined();
    expect(preparedName('savepoint trx2')).toBeUndefined();
    expect(preparedName('select * from tenant where code = any($1)')).toBeUndefined();
    expect(preparedName('select p.*, 1 from project p')).toBeUndefined();
    expect(preparedName('select count(*) as count from project p')).toMatch(/^kp_/);
  });

  it('stops at the first statement that fails, rejects with its error, and leaves the connection usable', async () => {
    await expect(run([{ text: 'select 1' }, { text: 'select 1 / $1::int', values: [0] }, { text: 'select 2' }])).rejects.toMatchObject({
      code: '22012',
    });
    expect((await owner.client().query('select 3 as n')).rows[0].n).toBe(3);
  });

  it('prepares again, without a clash, a statement whose first pipeline failed after its Parse was sent', async () => {
    const text = `${distinct('after a failure')} where 1 / $1::int > 0`;
    await expect(run([{ text, values: [0] }])).rejects.toMatchObject({ code: '22012' });
    // Whether PostgreSQL kept it or not, the next use closes it first: no "already exists" (42P05).
    expect((await run([{ text, values: [1] }])).rows).toEqual([{ n: 2, tag: 'after a failure' }]);
  });

  it('prepares again a statement whose Parse failed (the table came later), rather than binding one that does not exist', async () => {
    const text = 'select count(*)::int as n from pipeline_later';
    await expect(run([{ text: 'select 1' }, { text }])).rejects.toMatchObject({ code: '42P01' });
    await owner.client().query('create table pipeline_later (id int)');
    expect((await run([{ text }])).rows).toEqual([{ n: 0 }]);
  });

  it('prepares a statement anew after it failed: one prepared before a migration changed its columns works again', async () => {
    await owner.client().query('create table pipeline_changed (id int)');
    const text = 'select t.id from pipeline_changed t';
    await run([{ text }]);
    await owner.client().query('alter table pipeline_changed alter column id type text');
    await expect(run([{ text }])).rejects.toMatchObject({ code: '0A000' });
    expect((await run([{ text }])).rows).toEqual([]);
  });

  it('refuses a value pg cannot convert before anything is sent', async () => {
    const circular: Record<string, unknown> = {};
    circular['self'] = circular;
    await expect(run([{ text: 'begin' }, { text: 'select $1::jsonb', values: [circular] }])).rejects.toThrow(/circular/i);
    // The BEGIN was not sent: the connection is in no transaction.
    expect((await owner.client().query('select now() = statement_timestamp() as alone')).rows[0].alone).toBe(true);
  });

  it('keeps at most 200 statements prepared on a connection, closing the least recently used', async () => {
    for (let i = 0; i < 230; i += 1) await run([{ text: distinct(`bounded ${i}`), values: [i] }]);
    const names = await prepared();
    expect(names.length).toBeLessThanOrEqual(200);
    expect(names).toContain(preparedName(distinct('bounded 229')));
    expect(names).not.toContain(preparedName(distinct('bounded 0')));
    // One that was closed is prepared again when it comes back.
    expect((await run([{ text: distinct('bounded 0'), values: [5] }])).rows[0]).toEqual({ n: 6, tag: 'bounded 0' });
  });
});
