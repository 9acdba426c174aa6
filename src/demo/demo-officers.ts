import { devUser, type DevUser } from '../auth/dev-users';
import { personName } from './demo-names';
import type { DemoTenant } from './demo-places';
import type { Random } from './demo-primitives';

/** Someone who acts in the demo's history: files a report, approves it, raises a blocker. */
export interface Officer {
  subject: string;
  name: string;
  tenantCode: string;
}

function asOfficer(user: DevUser): Officer {
  return { subject: user.subject, name: user.name, tenantCode: user.tenantCode };
}

/**
 * The people behind the demo's rows. Each tenant has one officer (联络员) who files its reports,
 * records its stage changes, raises its blockers and registers its leads; a report is reviewed by
 * the officer of the level above (the city reviews its own). Where a demo user sits, the demo user
 * is that person: 王磊 files 新湖街道's reports and 李娜 reviews those of 德城区's towns, so what
 * they see on first start is their own history.
 */
export class DemoOfficers {
  private readonly users = new Map<string, Officer>();
  private readonly reviewers = new Map<string, Officer>();

  constructor(private readonly root: Random) {
    const townOfficer = devUser('town-officer');
    if (townOfficer) this.users.set(townOfficer.tenantCode, asOfficer(townOfficer));
    const countyLeader = devUser('county-leader');
    if (countyLeader) this.reviewers.set(countyLeader.tenantCode, asOfficer(countyLeader));
  }

  of(tenant: DemoTenant): Officer {
    return (
      this.users.get(tenant.code) ?? {
        subject: `demo-${tenant.level.toLowerCase()}-officer-${tenant.code}`,
        name: personName(this.root.fork(Number(tenant.code))),
        tenantCode: tenant.code,
      }
    );
  }

  /** Who approves or returns the reports of projects owned by `owner`, at `above` (its parent, or the city itself). */
  reviewerAt(above: DemoTenant): Officer {
    return this.reviewers.get(above.code) ?? this.of(above);
  }
}
