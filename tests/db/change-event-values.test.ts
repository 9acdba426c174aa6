import { ReferenceKind, type MetadataStorage } from '@mikro-orm/core';
import { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLObjectType, GraphQLSchema } from 'graphql';
import { Client } from 'pg';
import { apiFieldsOf } from '../../src/graphql/api-fields';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { ENTITY_OF_KIND, EVENT_COLUMNS_LEFT_OUT } from '../../src/modules/live/change-fields';
import { createSchema } from '../../src/schema';
import { createTestDatabase, type TestDatabase } from '../support/database';

/**
 * Columns the change triggers leave out of every event (kp_record_change, kp_record_blocker_change,
 * kp_record_lead_change, kp_record_approval_change): bookkeeping, and the project, which the event carries as `projectId`.
 */
const LEFT_OUT_BY_TRIGGERS = new Set([
  'id',
  'project_id',
  'created_at',
  'created_by',
  'created_by_name',
  'updated_at',
  'updated_by',
  'updated_by_name',
  'recorded_at',
  'started_on',
  'version',
  'overdue_announced_on',
]);

/** The keys the triggers add to name the record an event is about, and the entity each names. */
const RECORD_NAMES: Record<string, string> = {
  report: 'ProgressReport',
  milestone: 'Milestone',
  assignment: 'ProjectAssignment',
  blocker: 'Blocker',
  lead: 'InvestmentLead',
  order: 'SupervisionOrder',
  approval: 'ProjectApproval',
  startException: 'StartException',
};

/**
 * Live events name and write each changed column as the API does (src/graphql/api-fields.ts, as the
 * audit trail does): this holds every column of every table that writes change events to that, so
 * a new column without an API field fails here instead of reaching integrators under a column name.
 */
describe('the values of change events', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let metadata: MetadataStorage;
  let schema: GraphQLSchema;
  let columns: { table: string; column: string }[];

  beforeAll(async () => {
    db = await createTestDatabase('empty');
    orm = await MikroORM.init(appOrmOptions({ clientUrl: db.url, poolMax: 1 }));
    metadata = orm.getMetadata();
    schema = await createSchema();
    const client = new Client({ connectionString: db.url });
    await client.connect();
    try {
      ({ rows: columns } = await client.query(`
        select distinct c.relname as table, a.attname as column
          from pg_trigger t
          join pg_proc p on p.oid = t.tgfoid
          join pg_class c on c.oid = t.tgrelid
          join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
         where not t.tgisinternal and p.proname like 'kp_record%change'
         order by 1, 2`));
    } finally {
      await client.end();
    }
  });
  afterAll(async () => {
    await orm.close(true);
    await db.drop();
  });

  const entityOfTable = (table: string) => Object.values(metadata.getAll()).find((meta) => meta.tableName === table)?.className;

  it('come from the tables of exactly the records the kinds of change are about', () => {
    const tables = new Set(columns.map((c) => c.table));
    expect(new Set([...tables].map(entityOfTable))).toEqual(new Set(Object.values(ENTITY_OF_KIND)));
    for (const entity of Object.values(ENTITY_OF_KIND)) expect(schema.getType(entity)).toBeDefined();
  });

  it('show every column under a current API field of its record, or leave it out on purpose', () => {
    const unaccounted: string[] = [];
    for (const { table, column } of columns) {
      const entity = entityOfTable(table)!;
      if (LEFT_OUT_BY_TRIGGERS.has(column) || EVENT_COLUMNS_LEFT_OUT[entity]?.includes(column)) continue;
      const field = apiFieldsOf(entity, metadata, schema).get(column);
      const apiField = field && (schema.getType(entity) as GraphQLObjectType).getFields()[field.name];
      if (!apiField || apiField.deprecationReason) unaccounted.push(`${table}.${column}${field ? ` -> ${field.name}` : ''}`);
    }
    expect(unaccounted).toEqual([]);
  });

  it('leave out only columns the API has no field for', () => {
    const hidden = Object.entries(EVENT_COLUMNS_LEFT_OUT).flatMap(([entity, left]) =>
      (left ?? []).filter((column) => apiFieldsOf(entity, metadata, schema).has(column)).map((column) => `${entity}.${column}`),
    );
    expect(hidden).toEqual([]);
  });

  it('name their record as the entities name a reference to it, and by no field of its own', () => {
    const mismatches: string[] = [];
    for (const [name, entity] of Object.entries(RECORD_NAMES)) {
      if ((schema.getType(entity) as GraphQLObjectType).getFields()[name]) mismatches.push(`${entity} has a field ${name}`);
      for (const meta of Object.values(metadata.getAll())) {
        for (const prop of Object.values(meta.properties)) {
          if (
            (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) &&
            prop.type === entity &&
            prop.name !== name
          )
            mismatches.push(`${meta.className}.${prop.name} refers to ${entity}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
