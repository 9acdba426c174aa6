import type { Period } from '../../calendar/period';
import type { Context } from '../../context';
import type { Page } from '../../pagination/connection';
import type { BulletinPublication, LaggingProject, MonthlyBulletin } from './bulletin.types';

/** Rows per page when the file writers walk a bulletin's lagging projects (laggingPages). */
export const LAGGING_PAGE_SIZE = 500;

/** A page of lagging projects as the GraphQL connection asks for it. */
export interface LaggingPageArgs {
  first: number;
  after?: string;
}

/**
 * The monthly bulletin (月通报): read live from the rollups' own services, published (frozen with a
 * hash), and read back. The file writers (Excel, Word) use `read`/`published` for the sections and
 * `laggingPages` for the lagging projects, page by page, so a city of 100,000 projects is never
 * held in memory at once.
 */
export class BulletinService {
  constructor(private readonly ctx: Context) {}

  /**
   * The live bulletin of a tenant for a month. NOT_FOUND for a tenant whose subtree the viewer does
   * not read (as `rollup`); BAD_USER_INPUT on `period` for a month that has not begun.
   */
  async read(code: string, period: Period): Promise<MonthlyBulletin> {
    void this.ctx;
    throw new Error(`TODO(bulletin): read ${code} ${period.toString()}`);
  }

  /** A page of a bulletin's lagging projects: live ones from the figures, published ones from their frozen rows. */
  async laggingProjects(bulletin: MonthlyBulletin, args: LaggingPageArgs): Promise<Page<LaggingProject>> {
    throw new Error(`TODO(bulletin): lagging ${bulletin.tenantCode} ${args.first}`);
  }

  /** Every lagging project of a bulletin, `pageSize` rows at a time (keyset paging: no offset, no whole list in memory). */
  async *laggingPages(bulletin: MonthlyBulletin, pageSize: number = LAGGING_PAGE_SIZE): AsyncGenerator<LaggingProject[]> {
    let after: string | undefined;
    for (;;) {
      const page = await this.laggingProjects(bulletin, { first: pageSize, after });
      if (page.nodes.length > 0) yield page.nodes;
      if (!page.pageInfo.hasNextPage) return;
      after = page.pageInfo.endCursor ?? undefined;
    }
  }

  /** Freezes the bulletin as it reads now: version n + 1 for the tenant and month. Managers and leaders of the tenant. */
  async publish(code: string, period: Period): Promise<BulletinPublication> {
    throw new Error(`TODO(bulletin): publish ${code} ${period.toString()}`);
  }

  /** The published versions of a tenant's bulletin for a month, oldest first. */
  async publications(code: string, period: Period): Promise<BulletinPublication[]> {
    throw new Error(`TODO(bulletin): publications ${code} ${period.toString()}`);
  }

  /** A published bulletin's frozen content, with `publication` set. NOT_FOUND when there is none in reach. */
  async published(id: string): Promise<MonthlyBulletin> {
    throw new Error(`TODO(bulletin): published ${id}`);
  }
}
