import { MikroORM } from '@mikro-orm/postgresql';
import type { GraphQLSchema } from 'graphql';
import { apiFieldsOf, type ApiNaming } from '../../src/graphql/api-fields';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { eventChanges } from '../../src/modules/live/change-fields';
import { createSchema } from '../../src/schema';

const DECHENG = '371402';

/** The entities' metadata without a database: the mapping reads only the ORM's and the schema's definitions. */
async function naming(): Promise<{ orm: MikroORM; naming: ApiNaming }> {
  const orm = await MikroORM.init({ ...appOrmOptions({ clientUrl: 'postgresql://nobody@127.0.0.1:1/none' }), connect: false });
  return { orm, naming: { metadata: orm.getMetadata(), schema: await createSchema() } };
}

describe('live event changes under the API’s names, in its formats', () => {
  let orm: MikroORM;
  let api: ApiNaming;

  beforeAll(async () => {
    ({ orm, naming: api } = await naming());
  });
  afterAll(() => orm.close());

  const one = (kind: string, column: string, before: string | null, after: string | null) =>
    eventChanges(kind, { [column]: { before, after } }, api);

  it.each<[string, string, string | null, string, string | null]>([
    ['PROGRESS_REPORTED', 'period', '2026-11-01', 'period', '2026-11'],
    ['PROGRESS_REPORTED', 'reported_at', '2026-12-02T20:18:53.987694+00:00', 'reportedAt', '2026-12-02T20:18:53.987Z'],
    ['PROGRESS_REPORTED', 'reported_by', 'town-officer', 'reportedBySubject', 'town-officer'],
    ['PROGRESS_CORRECTED', 'completed_investment_wan', '120.5000', 'completedInvestmentWan', '120.5'],
    ['MILESTONE_ADDED', 'due_on', '2026-12-20', 'dueOn', '2026-12-20'],
    ['MILESTONE_OVERDUE', 'title', '主体封顶', 'title', '主体封顶'],
    ['BLOCKER_ESCALATED', 'escalated_to_code', DECHENG, 'escalatedTo', DECHENG],
    ['BLOCKER_RAISED', 'raised_by', 'town-officer', 'raisedBySubject', 'town-officer'],
    ['BLOCKER_RESOLVED', 'resolved_at', '2026-12-03T04:18:53.5+08:00', 'resolvedAt', '2026-12-02T20:18:53.500Z'],
    ['PROJECT_CREATED', 'owner_tenant_code', '371402001', 'owner', '371402001'],
    ['PROJECT_UPDATED', 'location_tenant_code', DECHENG, 'location', DECHENG],
    ['PROJECT_UPDATED', 'designation_levels', '["CITY", "PROVINCIAL"]', 'designationLevels', '["CITY","PROVINCIAL"]'],
    ['PROJECT_CREATED', 'total_investment_wan', '52000', 'totalInvestmentWan', '52000'],
    ['PROJECT_UPDATED', 'name', '2026-11-01', 'name', '2026-11-01'],
    ['STAGE_CHANGED', 'stage', 'UNDER_CONSTRUCTION', 'stage', 'UNDER_CONSTRUCTION'],
    ['ASSIGNMENT_CHANGED', 'subject', 'leader-liu', 'assigneeSubject', 'leader-liu'],
    ['ASSIGNMENT_CHANGED', 'name', '刘洋', 'assigneeName', '刘洋'],
    ['ASSIGNMENT_CHANGED', 'ended_by', 'county-leader', 'endedBySubject', 'county-leader'],
    ['ANNUAL_PLAN_CHANGED', 'year', '2026', 'year', '2026'],
    ['ANNUAL_PLAN_CHANGED', 'planned_investment_wan', '20000.0000', 'plannedInvestmentWan', '20000'],
    ['LEAD_ADVANCED', 'owner_tenant_code', '371402001', 'owner', '371402001'],
    ['LEAD_FUNDS_RECORDED', 'funds_in_place_wan', '1200.3456', 'fundsInPlaceWan', '1200.3456'],
  ])('writes %s %s %s as %s %s', (kind, column, stored, field, written) => {
    expect(one(kind, column, null, stored)).toEqual([{ field, before: null, after: written }]);
  });

  it.each([
    ['PROGRESS_REPORTED', 'report'],
    ['MILESTONE_REMOVED', 'milestone'],
    ['ASSIGNMENT_CHANGED', 'assignment'],
    ['BLOCKER_RAISED', 'blocker'],
    ['LEAD_REGISTERED', 'lead'],
  ])('keeps the key naming the record of %s: %s', (kind, key) => {
    expect(one(kind, key, 'b1d3c2e4-0000-4000-8000-000000000000', null)).toEqual([
      { field: key, before: 'b1d3c2e4-0000-4000-8000-000000000000', after: null },
    ]);
  });

  it("leaves out an assignment's copy of its project's owner, which the API has no field for", () => {
    expect(one('ASSIGNMENT_CHANGED', 'owner_tenant_code', null, '371402001')).toEqual([]);
  });

  it('keeps a value its field cannot read as stored rather than losing the event', () => {
    expect(one('PROGRESS_REPORTED', 'period', null, 'not a month')).toEqual([{ field: 'period', before: null, after: 'not a month' }]);
  });

  it('keeps the keys of an unknown kind camelCased, with their values as stored', () => {
    expect(one('SOMETHING_NEW', 'due_on', null, '2026-12-20T00:00:00+00:00')).toEqual([
      { field: 'dueOn', before: null, after: '2026-12-20T00:00:00+00:00' },
    ]);
  });

  it('orders the changes by field', () => {
    const changes = eventChanges(
      'BLOCKER_ESCALATED',
      {
        status: { before: 'OPEN', after: 'IN_PROGRESS' },
        escalated_to_code: { before: null, after: DECHENG },
        blocker: { before: null, after: 'b1' },
      },
      api,
    );
    expect(changes.map((c) => c.field)).toEqual(['blocker', 'escalatedTo', 'status']);
  });

  it('derives the names once per schema and entity, not per event', () => {
    const schema: GraphQLSchema = api.schema;
    expect(apiFieldsOf('Blocker', api.metadata, schema)).toBe(apiFieldsOf('Blocker', api.metadata, schema));
  });
});
