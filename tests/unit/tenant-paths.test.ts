import { Access, isAtOrBeneath, isBeneath, relationOf } from '../../src/auth/access';
import { Role } from '../../src/auth/roles';
import type { Viewer } from '../../src/auth/viewer';

const CITY = '371400';
const COUNTY = '371400.371402';
const TOWN = '371400.371402.371402001';
/** A code that begins with the city's digits but is not beneath it. */
const LOOKALIKE = '3714001';

const viewer = (roles: Role[]): Viewer => ({
  subject: 's',
  name: 'n',
  tenantCode: '371402',
  roles: new Set(roles),
  isServiceAccount: false,
  expiresAt: undefined,
});

describe('tenant paths', () => {
  it('puts a path beneath another only across a whole label', () => {
    expect(isBeneath(TOWN, CITY)).toBe(true);
    expect(isBeneath(COUNTY, CITY)).toBe(true);
    expect(isBeneath(CITY, CITY)).toBe(false);
    expect(isBeneath(LOOKALIKE, CITY)).toBe(false);
    expect(isBeneath(`${LOOKALIKE}.1`, CITY)).toBe(false);
    expect(isBeneath(CITY, COUNTY)).toBe(false);
    expect(isAtOrBeneath(CITY, CITY)).toBe(true);
    expect(isAtOrBeneath(LOOKALIKE, CITY)).toBe(false);
  });

  it('names how two tenants stand to each other', () => {
    expect(relationOf(COUNTY, COUNTY)).toBe('own');
    expect(relationOf(COUNTY, TOWN)).toBe('descendant');
    expect(relationOf(COUNTY, CITY)).toBe('ancestor');
    expect(relationOf(COUNTY, '371400.371403')).toBe('unrelated');
    expect(relationOf(CITY, LOOKALIKE)).toBe('unrelated');
  });

  it('reads a subtree with a subtree role at its level, and nothing above or beside it', () => {
    const county = new Access(viewer([Role.COUNTY_LEADER]), { code: '371402', path: COUNTY, level: 'COUNTY' });
    expect(county.readsSubtreeOf(COUNTY)).toBe(true);
    expect(county.readsSubtreeOf(TOWN)).toBe(true);
    expect(county.readsSubtreeOf(CITY)).toBe(false);
    expect(county.readsSubtreeOf('371400.3714021')).toBe(false);
    expect(county.readsProjectAt('371400.371403', TOWN)).toBe(true);
    expect(county.readsProjectAt('371400.371403', undefined)).toBe(false);
    // A management role held at the wrong level reads nothing, however often it is asked.
    const misbound = new Access(viewer([Role.CITY_LEADER]), { code: '371402', path: COUNTY, level: 'COUNTY' });
    expect(misbound.readRoot).toBeUndefined();
    expect(misbound.readsSubtreeOf(TOWN)).toBe(false);
    expect(misbound.readRoot).toBeUndefined();
  });
});
