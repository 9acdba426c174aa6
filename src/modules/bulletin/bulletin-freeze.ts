import { Period } from '../../calendar/period';
import { BulletinPublication } from './bulletin-publication.entity';
import { BulletinRules } from './bulletin-rules.entity';
import {
  BulletinAttraction,
  BulletinBlockers,
  BulletinReportingFigures,
  BulletinReportingRow,
  BulletinSupervisionOrders,
  MonthlyBulletin,
} from './bulletin.types';

/**
 * A bulletin's content as a publication stores it: its GraphQL fields as JSON (the period as
 * 2026-11, messages in both languages), without what only a live bulletin has (how to read its
 * lagging projects) and without the publication itself. The hash is taken over exactly this.
 */
export function frozenContent(bulletin: MonthlyBulletin): Record<string, unknown> {
  const { live: _live, publication: _publication, ...content } = bulletin;
  return JSON.parse(JSON.stringify(content)) as Record<string, unknown>;
}

/**
 * A publication's content as a MonthlyBulletin again: the same type a live one has, `publication`
 * set. The sections that are the rollup's own types get their class back, so their derived figures
 * (sums by type, rates) are computed from the frozen counts as the rollup computes them.
 */
export function thawedContent(publication: BulletinPublication): MonthlyBulletin {
  type Frozen = MonthlyBulletin & { period: string; rules: BulletinRules & { updatedAt?: string } };
  const content = publication.content as unknown as Frozen;
  const { rules, reporting } = content;
  return Object.assign(new MonthlyBulletin(), content, {
    period: Period.parse(content.period)!,
    rules: Object.assign(new BulletinRules(), rules, { updatedAt: rules.updatedAt ? new Date(rules.updatedAt) : undefined }),
    blockers: Object.assign(new BulletinBlockers(), content.blockers),
    reporting: {
      total: Object.assign(new BulletinReportingFigures(), reporting.total),
      rows: reporting.rows.map((row) => Object.assign(new BulletinReportingRow(), row)),
    },
    attraction: Object.assign(new BulletinAttraction(), content.attraction),
    supervisionOrders: Object.assign(new BulletinSupervisionOrders(), content.supervisionOrders),
    publication,
  });
}
