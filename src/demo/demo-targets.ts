import type { EntityManager } from '@mikro-orm/postgresql';
import { devUser } from '../auth/dev-users';

/**
 * The year's target-responsibility letters (目标责任书) as the city signs them in February: with
 * each county and with itself, for the investment to complete, the new projects to start, the funds
 * to bring in and the investment leads to sign. Set from the year's own plans the way a 发改委 sets
 * them, a little above or below what was planned (each tenant by its own fixed share, so the demo
 * reads alike on every load), rounded as a letter writes them: to 1,000 万元, to whole projects.
 * Written after every project and plan, in SQL, over each tenant's subtree by owner.
 */
export async function insertDemoTargets(em: EntityManager, cityCode: string, year: number): Promise<void> {
  const leader = devUser('city-leader')!;
  await em.execute(
    `with signers as (
       select t.code, t.path, 0.94 + (abs(hashtext(t.code)) % 13) / 100.0 as share
         from tenant t where t.code = ? or (t.parent_code = ? and t.level = 'COUNTY')),
     planned as (
       select s.code, s.share,
              coalesce(sum(ap.planned_investment_wan), 0) as plan,
              count(*) filter (where ap.nature = 'NEW') as new_projects
         from signers s
         left join tenant o on o.path <@ s.path
         left join project p on p.owner_tenant_code = o.code
         left join project_annual_plan ap on ap.project_id = p.id and ap.year = ?
        group by s.code, s.share)
     insert into responsibility_target (id, tenant_code, year, measure, target_value, signed_on, updated_by, updated_by_name)
     select gen_random_uuid(), p.code, ?, m.measure::target_measure, m.value, ?::date, ?, ?
       from planned p
       cross join lateral (values
         ('INVESTMENT_COMPLETED', greatest(1000, round(p.plan * p.share, -3))),
         ('NEW_PROJECTS_STARTED', greatest(1, round(p.new_projects * p.share))),
         ('FUNDS_ARRIVED', greatest(1000, round(p.plan * 0.8 * p.share, -3))),
         ('LEADS_SIGNED', 2 + abs(hashtext(p.code)) % 5)
       ) as m(measure, value)`,
    [cityCode, cityCode, year, year, `${year}-02-15`, leader.subject, leader.name],
  );
  // Each tenant's measures make one letter, as the API records it.
  await em.execute(
    `insert into responsibility_letter (id, tenant_code, year, signed_on, updated_by, updated_by_name)
     select gen_random_uuid(), tenant_code, year, signed_on, updated_by, updated_by_name
       from (select distinct tenant_code, year, signed_on, updated_by, updated_by_name from responsibility_target where year = ?) t`,
    [year],
  );
}
