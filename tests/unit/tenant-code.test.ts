import { isTenantCode, kindOf, levelOfCode, parentCodeOf, pathOf } from '../../src/modules/tenant/tenant-code';
import { TenantKind, TenantLevel } from '../../src/modules/tenant/tenant.enums';

describe('levelOfCode', () => {
  it.each([
    ['a city code ending in 00', '371400', TenantLevel.CITY],
    ['a district code', '371402', TenantLevel.COUNTY],
    ['a county-level city code', '371481', TenantLevel.COUNTY],
    ['a development zone code outside GB/T 2260', '371471', TenantLevel.COUNTY],
    ['a nine-digit sub-district code', '371402001', TenantLevel.TOWN],
    ['a nine-digit town code of a city without counties (东莞)', '441900003', TenantLevel.TOWN],
  ])('reads %s (%s) as %s', (_, code, level) => {
    expect(levelOfCode(code)).toBe(level);
    expect(isTenantCode(code)).toBe(true);
  });

  it.each([
    ['a province code', '370000'],
    ['the national code', '000000'],
    ['five digits', '37140'],
    ['seven digits', '3714020'],
    ['the full twelve-digit statistical code', '371402001000'],
    ['a code with a letter', '37140a'],
    ['a code with spaces around it', ' 371400 '],
    ['an empty string', ''],
  ])('rejects %s (%j)', (_, code) => {
    expect(levelOfCode(code)).toBeUndefined();
    expect(isTenantCode(code)).toBe(false);
  });
});

describe('parentCodeOf', () => {
  it.each([
    ['a sub-district to its district', '371402001', '371402'],
    ['a township to its county', '371422201', '371422'],
    ['a town-level unit to its development zone', '371471400', '371471'],
    ['a town of a city without counties straight to the city', '441900003', '441900'],
    ['a district to its city', '371402', '371400'],
    ['a development zone to its city', '371471', '371400'],
    ['a county-level city to its city', '371482', '371400'],
  ])('leads from %s: %s -> %s', (_, code, parent) => {
    expect(parentCodeOf(code)).toBe(parent);
  });

  it.each([
    ['a city, the top of the product hierarchy', '371400'],
    ['a province code', '370000'],
    ['a malformed code', '3714'],
  ])('gives no parent for %s (%s)', (_, code) => {
    expect(parentCodeOf(code)).toBeUndefined();
  });
});

describe('kindOf', () => {
  it.each([
    ['371400', '德州市', TenantKind.CITY],
    ['371402', '德城区', TenantKind.DISTRICT],
    ['371403', '陵城区', TenantKind.DISTRICT],
    ['371420', '(highest district number)', TenantKind.DISTRICT],
    ['371421', '(lowest county number)', TenantKind.COUNTY],
    ['371422', '宁津县', TenantKind.COUNTY],
    ['371470', '(highest county number)', TenantKind.COUNTY],
    ['371471', '德州天衢新区', TenantKind.DEVELOPMENT_ZONE],
    ['410173', '郑州航空港经济综合实验区', TenantKind.DEVELOPMENT_ZONE],
    ['371480', '(highest zone number)', TenantKind.DEVELOPMENT_ZONE],
    ['371481', '乐陵市', TenantKind.COUNTY_LEVEL_CITY],
    ['371482', '禹城市', TenantKind.COUNTY_LEVEL_CITY],
    ['371402001', '新湖街道', TenantKind.SUBDISTRICT],
    ['371402099', '(highest sub-district number)', TenantKind.SUBDISTRICT],
    ['371402100', '二屯镇', TenantKind.TOWN],
    ['371402199', '(highest town number)', TenantKind.TOWN],
    ['371403202', '于集乡', TenantKind.TOWNSHIP],
    ['371402399', '(highest township number)', TenantKind.TOWNSHIP],
    ['371471400', '新区服务管理办公室', TenantKind.TOWN_LEVEL_UNIT],
    ['371402599', '(highest town-level unit number)', TenantKind.TOWN_LEVEL_UNIT],
  ])('classifies %s %s as %s', (code, name, kind) => {
    expect(kindOf(code, name)).toBe(kind);
  });

  it('classifies a zone by its name when it was given a number in the county range', () => {
    expect(kindOf('371425', '齐河经济开发区')).toBe(TenantKind.DEVELOPMENT_ZONE);
  });

  // The official code wins over the name: these districts' names merely end like a zone's.
  it.each([
    ['310115', '浦东新区'],
    ['120116', '滨海新区'],
    ['210113', '沈北新区'],
    ['130706', '下花园区'],
    ['220106', '绿园区'],
    ['441803', '清新区'],
  ])('classifies the official district %s %s as DISTRICT despite its name', (code, name) => {
    expect(kindOf(code, name)).toBe(TenantKind.DISTRICT);
  });
});

describe('pathOf', () => {
  it.each([
    ['a city starts the path', undefined, '371400', '371400'],
    ['a county follows its city', '371400', '371402', '371400.371402'],
    ['a town follows its county', '371400.371402', '371402001', '371400.371402.371402001'],
    ['a town of a city without counties follows the city', '441900', '441900003', '441900.441900003'],
  ])('%s', (_, parentPath, code, path) => {
    expect(pathOf(parentPath, code)).toBe(path);
  });
});
