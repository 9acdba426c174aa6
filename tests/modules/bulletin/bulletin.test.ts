import { createHash, randomUUID } from 'node:crypto';
import { Period } from '../../../src/calendar/period';
import { canonicalJson } from '../../../src/modules/bulletin/bulletin-hash';
import { CITY, CITY_LEADER, COUNTY_LEADER, DECHENG, HUANGHEYA, NINGJIN_LEADER, TOWN_OFFICER, XINHU, XINHUA } from '../../support/fixtures';
import { startTestServer, type Caller, type TestServer } from '../../support/test-server';

/**
 * The bulletin on a hand-made world of 德城区: four projects whose lists are known by hand under the
 * city's rules, the scope of who reads and publishes which bulletin, bad input, and publication.
 */
const PERIOD = Period.current().plusMonths(-1);
const ENTRY = `kind tenantCode projectName completionRate progressGap reasons { rule figure threshold message }`;
const BULLETIN = `query($code: String!, $period: Period!) {
  monthlyBulletin(tenantCode: $code, period: $period) {
    tenantCode title period sections { section title } rules { maxEntries version }
    overview { completionRate timeProgress progressGap completedThisYearWan annualPlanWan trafficLight { color } }
    byTenant { metric rows { tenantCode position } }
    redList { tenants { ${ENTRY} } projects { ${ENTRY} } }
    blackList { tenants { ${ENTRY} } projects { ${ENTRY} } }
    laggingProjectCount laggingProjects(first: 1) { totalCount pageInfo { hasNextPage endCursor } nodes { projectName trafficLight { color reasons { rule } } } }
    publication { version hash publishedByName }
  }
}`;
const RULES = `mutation($input: SetBulletinRulesInput!) { setBulletinRules(input: $input) {
  cityCode rankingMetric redListAheadPoints blackListBehindPoints blackListPlannedStartMissed blackListOverdueMilestones maxEntries version updatedByName } }`;
const PUBLISH = `mutation($code: String!, $period: Period!) { publishBulletin(tenantCode: $code, period: $period) {
  id tenantCode period version hash publishedByName publishedBySubject laggingProjectCount } }`;
const PUBLICATIONS = `query($code: String!, $period: Period!) { bulletinPublications(tenantCode: $code, period: $period) { id version hash } }`;
const PUBLISHED = BULLETIN.replace('query($code: String!, $period: Period!)', 'query($id: ID!)').replace(
  'monthlyBulletin(tenantCode: $code, period: $period)',
  'publishedBulletin(id: $id)',
);

describe('the monthly bulletin (月通报)', () => {
  let server: TestServer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    server = await startTestServer('dezhou-tenants', COUNTY_LEADER);
    // Plans of 1000 万元 each; approved completion decides the gap against time progress.
    const world: [string, string, string, string | null, number][] = [
      ['A', XINHU, '1000', null, 0], // 100%: ahead
      ['B', XINHUA, '100', null, 0], // 10%: far behind
      ['C', HUANGHEYA, '950', `${PERIOD.year}-03-01`, 0], // planned start missed, not started
      ['D', HUANGHEYA, '920', null, 2], // two overdue milestones
    ];
    for (const [name, owner, done, plannedStart, overdue] of world) {
      const id = randomUUID();
      ids[name] = id;
      await sql(
        `insert into project (id, name, category, nature, stage, owner_tenant_code, total_investment_wan, planned_start_on, created_at, updated_at)
         values (?, ?, 'OTHER', 'NEW', ?, ?, 5000, ?, ?, now())`,
        [id, `项目${name}`, plannedStart ? 'PREPARATORY' : 'UNDER_CONSTRUCTION', owner, plannedStart, `${PERIOD.year}-01-05T00:00:00Z`],
      );
      await sql(`insert into project_annual_plan (id, project_id, year, planned_investment_wan) values (?, ?, ?, 1000)`, [
        randomUUID(),
        id,
        PERIOD.year,
      ]);
      await sql(
        `insert into progress_report (id, project_id, period, completed_investment_wan, progress_note, stage_at_month_end, reported_by, reported_by_name, status)
         values (?, ?, ?, ?, 'x', 'UNDER_CONSTRUCTION', 'test', 'test', 'APPROVED')`,
        [randomUUID(), id, PERIOD.firstDay, done],
      );
      for (let m = 0; m < overdue; m += 1)
        await sql(`insert into milestone (id, project_id, title, due_on) values (?, ?, '节点', ?)`, [
          randomUUID(),
          id,
          `${PERIOD.year}-02-01`,
        ]);
    }
  });
  afterAll(() => server.close());

  const sql = (query: string, params: unknown[] = []): Promise<Record<string, any>[]> =>
    server.adminOrm.em.fork().getConnection().execute(query, params);

  async function ok(query: string, variables: Record<string, unknown>, as: Caller = COUNTY_LEADER, headers: Record<string, string> = {}) {
    const result = await server.gql(query, variables, as, headers);
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    return Object.values(result.data!)[0] as Record<string, any>;
  }

  async function failure(query: string, variables: Record<string, unknown>, as: Caller = COUNTY_LEADER) {
    const result = await server.gql(query, variables, as);
    expect(result.data).toBeNull();
    return result.errors![0]!;
  }

  const bulletin = (code = DECHENG, as: Caller = COUNTY_LEADER) => ok(BULLETIN, { code, period: PERIOD.toString() }, as);

  describe('红榜 and 黑榜 by the city’s rules', () => {
    beforeAll(() =>
      ok(
        RULES,
        { input: { cityCode: CITY, redListAheadPoints: 5, blackListBehindPoints: 20, blackListOverdueMilestones: 2, maxEntries: 10 } },
        CITY_LEADER,
      ),
    );

    it('puts the tenants and projects ahead on the 红榜 and those behind, late to start or overdue on the 黑榜, with the reasons', async () => {
      const b = await bulletin();
      const tp = b.overview.timeProgress as number;
      const gap = (rate: number) => Math.round((rate - tp) * 100) / 100;
      expect(b.title).toBe(`德城区重点项目建设情况通报（${PERIOD.year}年${PERIOD.month}月）`);
      expect(b.sections.map((s: { title: string }) => s.title)).toEqual([
        '总体情况',
        '分地区情况',
        '分类别情况',
        '分级别情况',
        '红榜',
        '黑榜',
        '滞后项目',
        '要素制约',
        '月报报送',
        '招商引资',
        '督办落实',
      ]);
      expect(b.redList.tenants.map((e: { tenantCode: string }) => e.tenantCode)).toEqual([XINHU]);
      expect(b.blackList.tenants.map((e: { tenantCode: string }) => e.tenantCode)).toEqual([XINHUA]);
      expect(b.redList.projects).toEqual([
        {
          kind: 'PROJECT',
          tenantCode: XINHU,
          projectName: '项目A',
          completionRate: 100,
          progressGap: gap(100),
          reasons: [{ rule: 'AHEAD_OF_TIME_PROGRESS', figure: gap(100), threshold: 5, message: expect.stringContaining('起上红榜') }],
        },
      ]);
      // The furthest behind first: B far behind, then D (overdue milestones) and C (late start), nearer time progress.
      expect(
        b.blackList.projects.map((e: { projectName: string; reasons: { rule: string }[] }) => [
          e.projectName,
          e.reasons.map((r) => r.rule),
        ]),
      ).toEqual([
        ['项目B', ['BEHIND_TIME_PROGRESS']],
        ['项目D', ['OVERDUE_MILESTONES']],
        ['项目C', ['PLANNED_START_MISSED']],
      ]);
      expect(b.blackList.projects[1].reasons[0]).toMatchObject({ figure: 2, threshold: 2, message: '逾期节点 2 个（2 个起上黑榜）' });
      expect(b.blackList.projects[0].reasons[0].figure).toBe(-gap(10));
    });

    it('cuts each list at maxEntries and ranks the towns by the city’s metric', async () => {
      await ok(RULES, { input: { cityCode: CITY, maxEntries: 1, rankingMetric: 'OVERDUE_MILESTONES' } }, CITY_LEADER);
      try {
        const b = await bulletin();
        expect(b.blackList.projects.map((e: { projectName: string }) => e.projectName)).toEqual(['项目B']);
        expect(b.byTenant.metric).toBe('OVERDUE_MILESTONES');
        // Fewer overdue milestones rank first: 黄河涯镇 with two comes last.
        expect(b.byTenant.rows.at(-1).tenantCode).toBe(HUANGHEYA);
      } finally {
        await ok(RULES, { input: { cityCode: CITY, maxEntries: 10, rankingMetric: 'COMPLETION_RATE' } }, CITY_LEADER);
      }
    });

    it('lists the lagging projects with their light’s reasons, a page at a time', async () => {
      const b = await bulletin();
      // B behind time progress, D with overdue milestones; C's late start is no rule of the light.
      expect(b.laggingProjectCount).toBe(2);
      expect(b.laggingProjects.totalCount).toBe(2);
      expect(b.laggingProjects.nodes).toHaveLength(1);
      const rest = await ok(
        `query($code: String!, $period: Period!, $after: String) { monthlyBulletin(tenantCode: $code, period: $period) {
          laggingProjects(first: 1, after: $after) { pageInfo { hasNextPage } nodes { projectName } } } }`,
        { code: DECHENG, period: PERIOD.toString(), after: b.laggingProjects.pageInfo.endCursor },
      );
      const names = [...b.laggingProjects.nodes, ...rest.laggingProjects.nodes].map((n: { projectName: string }) => n.projectName);
      expect(names.sort()).toEqual(['项目B', '项目D']);
      expect(rest.laggingProjects.pageInfo.hasNextPage).toBe(false);
    });
  });

  describe('scope', () => {
    it('lets a county read its own bulletin and its towns’', async () => {
      expect((await bulletin(DECHENG)).tenantCode).toBe(DECHENG);
      expect((await bulletin(XINHU)).tenantCode).toBe(XINHU);
    });

    it('returns NOT_FOUND when a town officer reads its county’s bulletin', async () => {
      const error = await failure(BULLETIN, { code: DECHENG, period: PERIOD.toString() }, TOWN_OFFICER);
      expect(error.extensions!.code).toBe('NOT_FOUND');
    });

    it('returns NOT_FOUND when a county reads the city’s or a sibling county’s bulletin', async () => {
      expect((await failure(BULLETIN, { code: CITY, period: PERIOD.toString() })).extensions!.code).toBe('NOT_FOUND');
      expect((await failure(BULLETIN, { code: DECHENG, period: PERIOD.toString() }, NINGJIN_LEADER)).extensions!.code).toBe('NOT_FOUND');
    });
  });

  describe('bad input', () => {
    it('returns NOT_FOUND for an unknown or malformed tenant code', async () => {
      for (const code of ['371499', 'abc']) {
        const error = await failure(BULLETIN, { code, period: PERIOD.toString() }, CITY_LEADER);
        expect(error.extensions).toMatchObject({ code: 'NOT_FOUND', entity: 'Tenant' });
      }
    });

    it('returns BAD_USER_INPUT on period for a month that has not begun', async () => {
      const error = await failure(BULLETIN, { code: DECHENG, period: Period.current().plusMonths(1).toString() });
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'period' });
      expect(error.message).toContain('尚未开始');
    });

    it('refuses rule values out of range, naming the field, and changes nothing', async () => {
      const before = await ok(`query { bulletinRules(cityCode: "${CITY}") { version maxEntries } }`, {}, CITY_LEADER);
      for (const [field, value] of [
        ['maxEntries', 0],
        ['redListAheadPoints', 101],
        ['blackListBehindPoints', -5],
        ['blackListOverdueMilestones', 0],
      ] as const) {
        const error = await failure(RULES, { input: { cityCode: CITY, [field]: value } }, CITY_LEADER);
        expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: `input.${field}` });
      }
      expect(await ok(`query { bulletinRules(cityCode: "${CITY}") { version maxEntries } }`, {}, CITY_LEADER)).toEqual(before);
    });

    it('lets only the city’s leaders set its rules, and answers CONFLICT on a stale version', async () => {
      const error = await failure(RULES, { input: { cityCode: CITY, maxEntries: 3 } }, COUNTY_LEADER);
      expect(error.extensions!.code).toBe('FORBIDDEN');
      const stale = await failure(RULES, { input: { cityCode: CITY, maxEntries: 3, version: 1 } }, CITY_LEADER);
      expect(stale.extensions).toMatchObject({ code: 'CONFLICT', field: 'input.version' });
    });

    it('refuses a cursor the lagging list did not hand out', async () => {
      const result = await server.gql(
        `query($code: String!, $period: Period!) { monthlyBulletin(tenantCode: $code, period: $period) { laggingProjects(after: "bm9wZQ") { totalCount } } }`,
        { code: DECHENG, period: PERIOD.toString() },
      );
      expect(result.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    });
  });

  describe('publication', () => {
    it('freezes the bulletin with a hash over its content; a correction changes the live one, not the published', async () => {
      const first = await ok(PUBLISH, { code: DECHENG, period: PERIOD.toString() });
      expect(first).toMatchObject({ tenantCode: DECHENG, period: PERIOD.toString(), version: 1, laggingProjectCount: 2 });
      expect(first.hash).toMatch(/^[0-9a-f]{64}$/);

      // The hash is SHA-256 over the stored content and rows, canonically serialised: anyone can recompute it.
      const [stored] = await sql(`select content from bulletin_publication where id = ?`, [first.id]);
      const rows = await sql(`select row from bulletin_publication_lagging where publication_id = ? order by seq`, [first.id]);
      const hash = createHash('sha256').update(`${canonicalJson(stored!.content)}\n`);
      for (const r of rows) hash.update(`${canonicalJson(r.row)}\n`);
      expect(hash.digest('hex')).toBe(first.hash);

      const live = await bulletin();
      const frozen = await ok(PUBLISHED, { id: first.id });
      // The same content; only the cursors differ (a frozen list pages by its rows' order).
      const withoutCursor = (b: Record<string, any>) => ({ ...b, laggingProjects: { ...b.laggingProjects, pageInfo: null } });
      expect(withoutCursor({ ...frozen, publication: null })).toEqual(withoutCursor(live));
      expect(frozen.publication).toMatchObject({ version: 1, hash: first.hash });

      // A correction: B's report is raised to 950 万元, off the 黑榜.
      await sql(`update progress_report set completed_investment_wan = 950 where project_id = ?`, [ids.B]);
      const corrected = await bulletin();
      expect(corrected.blackList.projects.map((e: { projectName: string }) => e.projectName)).not.toContain('项目B');
      expect(await ok(PUBLISHED, { id: first.id })).toEqual(frozen);

      const second = await ok(PUBLISH, { code: DECHENG, period: PERIOD.toString() });
      expect(second.version).toBe(2);
      expect(second.hash).not.toBe(first.hash);
      expect(await ok(PUBLICATIONS, { code: DECHENG, period: PERIOD.toString() })).toEqual([
        { id: first.id, version: 1, hash: first.hash },
        { id: second.id, version: 2, hash: second.hash },
      ]);
    });

    it('answers a retry with the same Idempotency-Key with the first publication, not a second version', async () => {
      const key = randomUUID();
      const once = await ok(PUBLISH, { code: XINHU, period: PERIOD.toString() }, TOWN_OFFICER, { 'Idempotency-Key': key });
      const again = await ok(PUBLISH, { code: XINHU, period: PERIOD.toString() }, TOWN_OFFICER, { 'Idempotency-Key': key });
      expect(again).toEqual(once);
      expect(await ok(PUBLICATIONS, { code: XINHU, period: PERIOD.toString() }, TOWN_OFFICER)).toHaveLength(1);
    });

    it('lets only the tenant’s own leaders publish: FORBIDDEN for a county publishing a town’s, NOT_FOUND out of reach', async () => {
      expect((await failure(PUBLISH, { code: XINHU, period: PERIOD.toString() }, COUNTY_LEADER)).extensions!.code).toBe('FORBIDDEN');
      expect((await failure(PUBLISH, { code: DECHENG, period: PERIOD.toString() }, TOWN_OFFICER)).extensions!.code).toBe('NOT_FOUND');
      expect((await failure(PUBLICATIONS, { code: DECHENG, period: PERIOD.toString() }, TOWN_OFFICER)).extensions!.code).toBe('NOT_FOUND');
    });

    it('keeps published bulletins from readers out of reach, and unknown ids NOT_FOUND', async () => {
      const [row] = await sql(`select id from bulletin_publication where tenant_code = ? limit 1`, [DECHENG]);
      expect((await failure(PUBLISHED, { id: row!.id }, TOWN_OFFICER)).extensions!.code).toBe('NOT_FOUND');
      for (const id of [randomUUID(), 'not-an-id'])
        expect((await failure(PUBLISHED, { id }, COUNTY_LEADER)).extensions).toMatchObject({
          code: 'NOT_FOUND',
          entity: 'BulletinPublication',
        });
    });

    it('refuses to change a published bulletin in the database, even through the application’s role', async () => {
      const [row] = await sql(`select id from bulletin_publication where tenant_code = ? limit 1`, [DECHENG]);
      await expect(sql(`set local role kp_app; update bulletin_publication set content = '{}' where id = ?`, [row!.id])).rejects.toThrow(
        /permission denied/,
      );
    });
  });
});
