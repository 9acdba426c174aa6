import { MANAGER_LEVEL, Role, SUBTREE_READERS, type TenantLevelName } from './roles';
import type { Viewer } from './viewer';

/** The viewer's tenant as the database knows it. */
export interface ViewerTenant {
  readonly code: string;
  /** ltree path, e.g. `371400.371402`. */
  readonly path: string;
  readonly level: TenantLevelName;
}

/** Where a target sits relative to the viewer's tenant. */
export type Relation = 'own' | 'descendant' | 'ancestor' | 'unrelated';

/**
 * Whether ltree path `path` lies strictly beneath `ancestorPath` (`371400.371402` beneath
 * `371400`, not `3714001`). Without building `ancestorPath + '.'`: a live event is checked against
 * every subscriber's scope, ten thousand times an event (bench:live).
 */
export function isBeneath(path: string, ancestorPath: string): boolean {
  return path.length > ancestorPath.length && path.charCodeAt(ancestorPath.length) === DOT && path.startsWith(ancestorPath);
}
const DOT = '.'.charCodeAt(0);

/** Whether ltree path `path` is `ancestorPath` or lies beneath it. */
export const isAtOrBeneath = (path: string, ancestorPath: string): boolean => path === ancestorPath || isBeneath(path, ancestorPath);

export function relationOf(viewerPath: string, targetPath: string): Relation {
  if (targetPath === viewerPath) return 'own';
  if (isBeneath(targetPath, viewerPath)) return 'descendant';
  if (isBeneath(viewerPath, targetPath)) return 'ancestor';
  return 'unrelated';
}

/**
 * What a viewer may do, from their roles and tenant (the matrix in the README). Decisions about
 * one project also take the viewer's active assignments to it, which are data, not roles.
 * Row-level security in PostgreSQL enforces the read scope independently of this class.
 */
export class Access {
  /** See readRoot: worked out once, as neither the roles nor the tenant change. */
  private root: { path: string | undefined } | undefined;

  constructor(
    readonly viewer: Viewer,
    readonly tenant: ViewerTenant | undefined,
  ) {}

  private has(role: Role): boolean {
    return this.viewer.roles.has(role);
  }

  /** A role that counts at the viewer's tenant: a management role only at its own level. */
  private holdsHere(role: Role): boolean {
    const level = MANAGER_LEVEL[role];
    return this.has(role) && (level === undefined || level === this.tenant?.level);
  }

  /**
   * Root of the subtree the viewer reads, or undefined when they read only what is assigned to
   * them (a leader or responsible unit without a subtree role). A management role held at the
   * wrong level (a `county-leader` bound to a town) reads nothing: it also sets the database's
   * read scope, so this is where that misconfiguration must fail closed.
   */
  get readRoot(): string | undefined {
    this.root ??= { path: this.tenant && [...SUBTREE_READERS].some((role) => this.holdsHere(role)) ? this.tenant.path : undefined };
    return this.root.path;
  }

  /** Reads what is owned at `ownerPath` (a tenant's path) through the viewer's subtree role. */
  readsSubtreeOf(ownerPath: string): boolean {
    const root = this.readRoot;
    return root !== undefined && isAtOrBeneath(ownerPath, root);
  }

  /**
   * Reads a project through the viewer's subtree role: owned in the subtree, or built there (属地,
   * `locationPath`). Reading by location grants nothing else: changes stay with the owner's
   * officers (`managesProjectsAt`). Row-level security applies the same rule (LocationReads).
   */
  readsProjectAt(ownerPath: string, locationPath: string | undefined): boolean {
    return this.readsSubtreeOf(ownerPath) || (locationPath !== undefined && this.readsSubtreeOf(locationPath));
  }

  /**
   * A tenant record is visible on the viewer's own branch: their tenant, what is beneath it (with
   * a subtree role) and the units above it. Siblings and cousins stay invisible.
   */
  seesTenant(path: string): boolean {
    if (!this.tenant) return false;
    const relation = relationOf(this.tenant.path, path);
    if (relation === 'own' || relation === 'ancestor') return true;
    return relation === 'descendant' && this.readRoot !== undefined;
  }

  /** Creates, edits and reports on projects owned by the viewer's own tenant (not those below). */
  managesProjectsAt(ownerPath: string): boolean {
    if (!this.tenant || relationOf(this.tenant.path, ownerPath) !== 'own') return false;
    return Object.keys(MANAGER_LEVEL).some((role) => this.holdsHere(role as Role));
  }

  /**
   * Approves or returns the monthly reports (月报审核) of projects owned one level below the viewer's
   * tenant: a county's managers review its towns, a city's its counties. A city's own projects have
   * no level above in the system; the city's managers review those themselves.
   */
  reviewsReportsOf(ownerPath: string): boolean {
    const segments = ownerPath.split('.');
    return this.managesProjectsAt(segments.length > 1 ? segments.slice(0, -1).join('.') : ownerPath);
  }

  /** City and county leaders assign leaders (包抓) to projects anywhere in their subtree. */
  assignsLeadersAt(ownerPath: string): boolean {
    if (!this.tenant) return false;
    const relation = relationOf(this.tenant.path, ownerPath);
    if (relation !== 'own' && relation !== 'descendant') return false;
    return this.holdsHere(Role.CITY_LEADER) || this.holdsHere(Role.COUNTY_LEADER) || this.has(Role.ADMIN);
  }

  /**
   * Issues, closes and sends back supervision orders (督办) about what is in the viewer's subtree:
   * the supervision office (督查室) at any level, and the city's and counties' leaders. Orders are
   * the only thing the supervisor role writes.
   */
  issuesOrdersAt(path: string): boolean {
    if (!this.tenant) return false;
    const relation = relationOf(this.tenant.path, path);
    if (relation !== 'own' && relation !== 'descendant') return false;
    return this.has(Role.SUPERVISOR) || this.holdsHere(Role.CITY_LEADER) || this.holdsHere(Role.COUNTY_LEADER);
  }

  /** Administrators manage the tenants beneath their own (not their own, not above it). */
  administersTenant(path: string): boolean {
    return Boolean(this.tenant) && this.has(Role.ADMIN) && relationOf(this.tenant!.path, path) === 'descendant';
  }
}
