import { MikroORM } from '@mikro-orm/postgresql';
import { chinaDate } from '../../../src/calendar/period';
import { appOrmOptions } from '../../../src/mikro-orm.config';
import {
  importCityTenants,
  officialCityTenants,
  type OfficialDivisions,
  type TenantImportResult,
} from '../../../src/modules/tenant/tenant-import';
import type { TenantRow } from '../../../src/modules/tenant/shown-tenant';
import { TenantKind, TenantLevel } from '../../../src/modules/tenant/tenant.enums';
import { createTestDatabase } from '../../support/database';

describe('officialCityTenants', () => {
  it('lists a city without counties (东莞市) with its towns directly under the city', () => {
    const tenants = officialCityTenants('441900');
    expect(tenants[0]).toMatchObject({ code: '441900', name: '东莞市', level: TenantLevel.CITY, parentCode: undefined, path: '441900' });
    expect(tenants.filter((t) => t.level === TenantLevel.COUNTY)).toEqual([]);
    expect(tenants.length).toBeGreaterThan(1);
    for (const town of tenants.slice(1)) {
      expect(town).toMatchObject({ level: TenantLevel.TOWN, parentCode: '441900', path: `441900.${town.code}` });
    }
  });

  it('puts parents before children even when the list is out of order', () => {
    const divisions: OfficialDivisions = {
      cities: [{ code: '9901', name: '甲市' }],
      areas: [
        { code: '990181', name: '丙市', cityCode: '9901' },
        { code: '990102', name: '乙区', cityCode: '9901' },
      ],
      streets: [
        { code: '990181100', name: '丁镇', areaCode: '990181' },
        { code: '990102001', name: '戊街道', areaCode: '990102' },
      ],
    };
    const tenants = officialCityTenants('990100', divisions);
    expect(tenants.map((t) => [t.code, t.kind, t.parentCode, t.path])).toEqual([
      ['990100', TenantKind.CITY, undefined, '990100'],
      ['990102', TenantKind.DISTRICT, '990100', '990100.990102'],
      ['990181', TenantKind.COUNTY_LEVEL_CITY, '990100', '990100.990181'],
      ['990102001', TenantKind.SUBDISTRICT, '990102', '990100.990102.990102001'],
      ['990181100', TenantKind.TOWN, '990181', '990100.990181.990181100'],
    ]);
  });

  it.each([
    ['a city missing from the list', '379900'],
    ['a province code', '370000'],
    ['a county code', '371402'],
    ['the list’s own four-digit city code', '3714'],
    ['a town code', '371402001'],
    ['letters', 'dezhou'],
  ])('rejects %s (%s) with BAD_USER_INPUT on cityCode', (_, code) => {
    expect(() => officialCityTenants(code)).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT', field: 'cityCode' }) }),
    );
  });
});

describe('importCityTenants', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: MikroORM;
  let firstRun: TenantImportResult;

  const rows = async (): Promise<TenantRow[]> => orm.em.getConnection().execute<TenantRow[]>(`select * from tenant order by code`);
  const row = async (code: string): Promise<TenantRow | undefined> =>
    (await orm.em.getConnection().execute<TenantRow[]>(`select * from tenant where code = ?`, [code]))[0];
  const runImport = (cityCode = '371400'): Promise<TenantImportResult> => importCityTenants(orm.em.fork(), cityCode);

  beforeAll(async () => {
    db = await createTestDatabase('empty');
    orm = await MikroORM.init(appOrmOptions({ clientUrl: db.url }));
    firstRun = await runImport();
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('creates 德州市, its 12 county-level units (11 GB/T 2260 units and 天衢新区) and 135 towns on the first run', async () => {
    expect(firstRun).toEqual({ cityCode: '371400', created: 148, updated: 0, unchanged: 0, retired: 0 });
    const all = await rows();
    expect(all.filter((t) => t.level === TenantLevel.CITY).map((t) => [t.code, t.name])).toEqual([['371400', '德州市']]);
    expect(all.filter((t) => t.level === TenantLevel.COUNTY).map((t) => t.code)).toEqual([
      '371402',
      '371403',
      '371422',
      '371423',
      '371424',
      '371425',
      '371426',
      '371427',
      '371428',
      '371471',
      '371481',
      '371482',
    ]);
    expect(all.filter((t) => t.level === TenantLevel.TOWN)).toHaveLength(135);
  });

  it.each([
    ['371402', '德城区', TenantKind.DISTRICT],
    ['371403', '陵城区', TenantKind.DISTRICT],
    ['371422', '宁津县', TenantKind.COUNTY],
    ['371471', '德州天衢新区', TenantKind.DEVELOPMENT_ZONE],
    ['371481', '乐陵市', TenantKind.COUNTY_LEVEL_CITY],
    ['371402001', '新湖街道', TenantKind.SUBDISTRICT],
    ['371402100', '二屯镇', TenantKind.TOWN],
    ['371403202', '于集乡', TenantKind.TOWNSHIP],
    ['371471400', '新区服务管理办公室', TenantKind.TOWN_LEVEL_UNIT],
  ])('stores %s %s as %s', async (code, name, kind) => {
    expect(await row(code)).toMatchObject({ name, kind, valid_to: null });
  });

  it('links every county to the city and every town to its county, with ltree paths from the city down', async () => {
    const all = await rows();
    const byCode = new Map(all.map((t) => [t.code, t]));
    for (const tenant of all) {
      if (tenant.level === TenantLevel.CITY) {
        expect([tenant.parent_code, tenant.path]).toEqual([null, '371400']);
        continue;
      }
      const expectedParent = tenant.level === TenantLevel.COUNTY ? '371400' : tenant.code.slice(0, 6);
      expect(tenant.parent_code).toBe(expectedParent);
      expect(tenant.path).toBe(`${byCode.get(expectedParent)?.path}.${tenant.code}`);
    }
    expect(byCode.get('371402001')?.path).toBe('371400.371402.371402001');
    expect(byCode.get('371471400')?.path).toBe('371400.371471.371471400');
  });

  it("finds exactly 德城区 and its 7 towns with the ltree query path <@ '371400.371402'", async () => {
    const subtree = await orm.em
      .getConnection()
      .execute<{ code: string; name: string }[]>(`select code, name from tenant where path <@ '371400.371402' order by code`);
    expect(subtree.map((t) => `${t.code} ${t.name}`)).toEqual([
      '371402 德城区',
      '371402001 新湖街道',
      '371402002 新华街道',
      '371402003 天衢街道',
      '371402006 广川街道',
      '371402009 运河街道',
      '371402100 二屯镇',
      '371402101 黄河涯镇',
    ]);
  });

  it('changes nothing when run again', async () => {
    const before = await rows();
    expect(await runImport()).toEqual({ cityCode: '371400', created: 0, updated: 0, unchanged: 148, retired: 0 });
    expect(await rows()).toEqual(before);
  });

  it('puts back the official name, parent and path of a tenant edited by hand, keeping its row', async () => {
    const before = await row('371402001');
    await orm.em
      .getConnection()
      .execute(`update tenant set name = '新湖办事处', parent_code = '371403', path = '371400.371403.371402001' where code = '371402001'`);

    expect(await runImport()).toEqual({ cityCode: '371400', created: 0, updated: 1, unchanged: 147, retired: 0 });
    expect(await row('371402001')).toEqual(before);
  });

  it('retires a tenant the official list does not have, keeps its row, and does not count it again', async () => {
    await orm.em
      .getConnection()
      .execute(
        `insert into tenant (code, name, level, kind, parent_code, path) values ('371402201', '撤并乡', 'TOWN', 'TOWNSHIP', '371402', '371400.371402.371402201')`,
      );

    expect(await runImport()).toEqual({ cityCode: '371400', created: 0, updated: 0, unchanged: 148, retired: 1 });
    const retired = await row('371402201');
    expect(retired).toMatchObject({ name: '撤并乡', parent_code: '371402', valid_to: chinaDate() });

    expect(await runImport()).toEqual({ cityCode: '371400', created: 0, updated: 0, unchanged: 148, retired: 0 });
    expect(await row('371402201')).toEqual(retired);
  });

  it('leaves active a tenant created after the official list was published', async () => {
    await orm.em
      .getConnection()
      .execute(
        `insert into tenant (code, name, level, kind, parent_code, path, valid_from) values ('371402010', '新设街道', 'TOWN', 'SUBDISTRICT', '371402', '371400.371402.371402010', '2025-01-01')`,
      );

    expect(await runImport()).toMatchObject({ created: 0, updated: 0, retired: 0 });
    expect(await row('371402010')).toMatchObject({ valid_to: null });
  });

  it('keeps a retirement date set by hand on a tenant the list still has', async () => {
    await orm.em.getConnection().execute(`update tenant set valid_to = '2025-12-31' where code = '371426202'`);

    expect(await runImport()).toMatchObject({ created: 0, updated: 0, retired: 0 });
    expect(await row('371426202')).toMatchObject({ name: '三唐乡', valid_to: '2025-12-31' });
  });

  it('rejects an unknown city code with BAD_USER_INPUT and writes nothing', async () => {
    const before = await rows();
    await expect(runImport('379900')).rejects.toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'cityCode' } });
    expect(await rows()).toEqual(before);
  });
});
