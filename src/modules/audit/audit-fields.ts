import { AuditedEntity } from './audit.types';

/**
 * Columns kept out of the trail because the API has no field for them and they tell nothing the
 * record's other fields or its trail do not: copies kept for row-level security, the parent a
 * record is read through, the moment a row was written (the CREATE record's `actedAt` says it).
 * Every other column reads under its API field (src/graphql/api-fields.ts); the trail's test fails
 * on any column that is neither shown nor listed here.
 */
export const COLUMNS_LEFT_OUT: Readonly<Partial<Record<AuditedEntity, readonly string[]>>> = {
  [AuditedEntity.MILESTONE]: ['created_at'],
  [AuditedEntity.PROJECT_ASSIGNMENT]: ['owner_tenant_code'],
  [AuditedEntity.ANNUAL_PLAN]: ['project_id'],
  [AuditedEntity.STAGE_CHANGE]: ['project_id'],
  [AuditedEntity.MONTHLY_TARGET]: ['project_id', 'annual_plan_id'],
  [AuditedEntity.TENANT]: ['created_at'],
  // The frozen content is the published bulletin itself, read through `publishedBulletin(id)`.
  [AuditedEntity.BULLETIN_PUBLICATION]: ['content'],
  // An approval and a start exception are read through their project (`Project.approvals`, `Project.startException`).
  [AuditedEntity.APPROVAL_KIND]: ['created_at'],
  [AuditedEntity.PROJECT_APPROVAL]: ['project_id', 'created_at'],
  [AuditedEntity.START_EXCEPTION]: ['project_id'],
  // The assessed tenants' codes, copied out of the content for row-level security (each reads its result).
  [AuditedEntity.YEAR_END_ASSESSMENT]: ['assessed_codes'],
  // Where the store keeps the image and the month it is judged against are the server's; `imageUrl` and the flag show them.
  [AuditedEntity.SITE_PHOTO]: ['object_key', 'thumbnail_key', 'period'],
};
