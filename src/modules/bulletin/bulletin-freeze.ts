import { Period } from '../../calendar/period';
import { BulletinPublication } from './bulletin-publication.entity';
import { BulletinRules } from './bulletin-rules.entity';
import { MonthlyBulletin } from './bulletin.types';

/**
 * A bulletin's content as a publication stores it: its GraphQL fields as JSON (the period as
 * 2026-11, messages in both languages), without what only a live bulletin has (how to read its
 * lagging projects) and without the publication itself. The hash is taken over exactly this.
 */
export function frozenContent(bulletin: MonthlyBulletin): Record<string, unknown> {
  const { live: _live, publication: _publication, ...content } = bulletin;
  return JSON.parse(JSON.stringify(content)) as Record<string, unknown>;
}

/** A publication's content as a MonthlyBulletin again: the same type a live one has, `publication` set. */
export function thawedContent(publication: BulletinPublication): MonthlyBulletin {
  const content = publication.content as unknown as MonthlyBulletin & { period: string; rules: BulletinRules & { updatedAt?: string } };
  const rules = content.rules;
  return Object.assign(new MonthlyBulletin(), content, {
    period: Period.parse(content.period)!,
    rules: Object.assign(new BulletinRules(), rules, { updatedAt: rules.updatedAt ? new Date(rules.updatedAt) : undefined }),
    publication,
  });
}
