import { registerEnumType } from 'type-graphql';

/** Where a tenant sits in the hierarchy city > county > town. */
export enum TenantLevel {
  CITY = 'CITY',
  COUNTY = 'COUNTY',
  TOWN = 'TOWN',
}

/** What kind of unit a tenant is within its level, read off its official code and name. */
export enum TenantKind {
  CITY = 'CITY',
  DISTRICT = 'DISTRICT',
  COUNTY = 'COUNTY',
  COUNTY_LEVEL_CITY = 'COUNTY_LEVEL_CITY',
  DEVELOPMENT_ZONE = 'DEVELOPMENT_ZONE',
  SUBDISTRICT = 'SUBDISTRICT',
  TOWN = 'TOWN',
  TOWNSHIP = 'TOWNSHIP',
  TOWN_LEVEL_UNIT = 'TOWN_LEVEL_UNIT',
}

registerEnumType(TenantLevel, {
  name: 'TenantLevel',
  description: 'Level of a tenant in the hierarchy (行政层级).',
  valuesConfig: {
    CITY: { description: 'City (市), e.g. 德州市 371400.' },
    COUNTY: { description: 'County-level unit (县级): district, county, county-level city or development zone.' },
    TOWN: { description: 'Town-level unit (乡级): town, township or sub-district.' },
  },
});

registerEnumType(TenantKind, {
  name: 'TenantKind',
  description: 'Kind of administrative unit, from the GB/T 2260 code ranges and the statistical division code.',
  valuesConfig: {
    CITY: { description: 'Prefecture-level city (地级市).' },
    DISTRICT: { description: 'City district (市辖区), county code 01-20.' },
    COUNTY: { description: 'County (县), county code 21-70.' },
    COUNTY_LEVEL_CITY: { description: 'County-level city (县级市), county code 81-99.' },
    DEVELOPMENT_ZONE: {
      description: 'Development zone or new area (开发区 / 新区) managed as a county-level unit, code outside GB/T 2260 (e.g. 371471).',
    },
    SUBDISTRICT: { description: 'Sub-district (街道), town digits 001-099.' },
    TOWN: { description: 'Town (镇), town digits 100-199.' },
    TOWNSHIP: { description: 'Township (乡), town digits 200-399.' },
    TOWN_LEVEL_UNIT: { description: 'Town-level unit such as a development zone or farm (开发区 / 农场), town digits 400-599.' },
  },
});

/** How a list of tenants is ordered. */
export enum TenantOrder {
  CODE = 'CODE',
  NAME = 'NAME',
}

registerEnumType(TenantOrder, {
  name: 'TenantOrder',
  description: 'Order of a list of tenants.',
  valuesConfig: {
    CODE: {
      description: 'By division code (按区划代码): the official order of the division list, as documents list the units. The default.',
    },
    NAME: { description: 'By name in Chinese order (按名称拼音排序): 德城区, 乐陵市, 临邑县, 陵城区, …' },
  },
});
