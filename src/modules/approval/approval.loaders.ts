import type { EntityManager } from '@mikro-orm/postgresql';
import DataLoader from 'dataloader';
import { manyPerKey, onePerKey } from '../../db/batch';
import { TenantBasis } from '../project/tenant-basis';
import { ApprovalKind } from './approval-kind.entity';
import { ProjectApproval } from './project-approval.entity';
import { StartException } from './start-exception.entity';
import { textArrayLiteral } from '../../db/array-literal';

/** A subtree's approval counts on a day (kp_approval_figures). */
export interface ApprovalCounts {
  pendingCount: number;
  submittedCount: number;
  overdueCount: number;
  heldUpProjectCount: number;
}

/** One office's pending approvals in a subtree on a day (kp_approval_office_figures). */
export interface OfficeCounts {
  office: string;
  pendingCount: number;
  submittedCount: number;
  overdueCount: number;
  warnedCount: number;
}

interface FigureRow {
  tenant_code: string;
  pending_count: number;
  submitted_count: number;
  overdue_count: number;
  held_up_project_count: number;
}

interface OfficeRow {
  tenant_code: string;
  office: string;
  pending_count: number;
  submitted_count: number;
  overdue_count: number;
  warned_count: number;
}

/** One DataLoader per (as-of date, basis): the tenants of a request counted in one statement. */
function perDay<V>(load: (codes: readonly string[], asOf: string, basis: TenantBasis) => Promise<V[]>) {
  const loaders = new Map<string, DataLoader<string, V>>();
  return (asOf: string, basis: TenantBasis): DataLoader<string, V> => {
    const key = `${asOf}|${basis}`;
    let loader = loaders.get(key);
    if (!loader) {
      loader = new DataLoader<string, V>((codes) => load(codes, asOf, basis));
      loaders.set(key, loader);
    }
    return loader;
  };
}

/** Per-request batch loaders of the preparatory approvals (前期手续). */
export function createApprovalLoaders(em: EntityManager) {
  const call = <R>(fn: string, codes: readonly string[], asOf: string, basis: TenantBasis) =>
    em.execute<R[]>(`select * from ${fn}(?::varchar[], ?::date, ?)`, [textArrayLiteral(codes), asOf, basis === TenantBasis.LOCATION]);
  return {
    /** A city's list, in its order. */
    kindsOfCity: new DataLoader<string, ApprovalKind[]>(async (codes) => {
      const kinds = await em.find(ApprovalKind, { city: { $in: [...codes] } }, { orderBy: { position: 'asc', code: 'asc' } });
      return manyPerKey(codes, kinds, (k) => k.city.code);
    }),
    byProject: new DataLoader<string, ProjectApproval[]>(async (ids) => {
      const items = await em.find(ProjectApproval, { project: { $in: [...ids] } });
      return manyPerKey(ids, items, (a) => a.project.id);
    }),
    exceptionOfProject: new DataLoader<string, StartException | undefined>(async (ids) =>
      onePerKey(ids, await em.find(StartException, { project: { $in: [...ids] } }), (x) => x.project.id),
    ),
    figures: perDay<ApprovalCounts>(async (codes, asOf, basis) => {
      const byCode = new Map((await call<FigureRow>('kp_approval_figures', codes, asOf, basis)).map((r) => [r.tenant_code, r]));
      return codes.map((code) => {
        const row = byCode.get(code);
        return {
          pendingCount: row?.pending_count ?? 0,
          submittedCount: row?.submitted_count ?? 0,
          overdueCount: row?.overdue_count ?? 0,
          heldUpProjectCount: row?.held_up_project_count ?? 0,
        };
      });
    }),
    officeFigures: perDay<OfficeCounts[]>(async (codes, asOf, basis) => {
      const rows = await call<OfficeRow>('kp_approval_office_figures', codes, asOf, basis);
      const offices = rows.map((r) => ({
        tenantCode: r.tenant_code,
        office: r.office,
        pendingCount: r.pending_count,
        submittedCount: r.submitted_count,
        overdueCount: r.overdue_count,
        warnedCount: r.warned_count,
      }));
      return manyPerKey(codes, offices, (o) => o.tenantCode).map((list) => list.map(({ tenantCode: _code, ...counts }) => counts));
    }),
  };
}

export type ApprovalLoaders = ReturnType<typeof createApprovalLoaders>;
