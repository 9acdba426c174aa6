import type { MetadataStorage } from '@mikro-orm/core';
import { isObjectType, type GraphQLField, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { apiText } from '../../graphql/api-text';
import { replacementIn } from '../../graphql/deprecation';
import { AuditedEntity, type AuditChange } from './audit.types';

/** The API field a stored column is shown as in the trail. */
export interface ApiField {
  readonly name: string;
  readonly type: GraphQLOutputType;
}

/**
 * Columns kept out of the trail because the API has no field for them and they tell nothing the
 * record's other fields or its trail do not: copies kept for row-level security, the parent a
 * record is read through, the moment a row was written (the CREATE record's `actedAt` says it).
 * The trail's test fails on any column that is neither shown nor listed here.
 */
export const COLUMNS_LEFT_OUT: Readonly<Partial<Record<AuditedEntity, readonly string[]>>> = {
  [AuditedEntity.MILESTONE]: ['created_at'],
  [AuditedEntity.PROJECT_ASSIGNMENT]: ['owner_tenant_code'],
  [AuditedEntity.ANNUAL_PLAN]: ['project_id'],
  [AuditedEntity.STAGE_CHANGE]: ['project_id'],
  [AuditedEntity.MONTHLY_TARGET]: ['project_id', 'annual_plan_id'],
  [AuditedEntity.TENANT]: ['created_at'],
};

/**
 * How the trail names a record's stored columns: the API field of the entity's property, followed
 * to its replacement when deprecated (see `formerNameOf`), so a record written before a rename reads
 * under today's name; a stored `…_by` column holding a subject reads as `…BySubject` where the API
 * shows no `…By`. Derived from the ORM's metadata and the schema, so a new column or field needs no
 * edit here. The hash chain is untouched: records keep the column names they were sealed with.
 */
export function auditedFields(entity: AuditedEntity, metadata: MetadataStorage, schema: GraphQLSchema): ReadonlyMap<string, ApiField | null> {
  let bySchema = cache.get(schema);
  if (!bySchema) cache.set(schema, (bySchema = new Map()));
  let fields = bySchema.get(entity);
  if (!fields) bySchema.set(entity, (fields = derive(entity, metadata, schema)));
  return fields;
}

const cache = new WeakMap<GraphQLSchema, Map<AuditedEntity, ReadonlyMap<string, ApiField | null>>>();

/** Column -> its API field, or null for a column deliberately left out. */
function derive(entity: AuditedEntity, metadata: MetadataStorage, schema: GraphQLSchema): ReadonlyMap<string, ApiField | null> {
  const type = schema.getType(entity);
  if (!isObjectType(type)) throw new Error(`the audited entity ${entity} is not an object type of the schema`);
  const apiFields = type.getFields();
  const current = (field: GraphQLField<unknown, unknown> | undefined): GraphQLField<unknown, unknown> | undefined => {
    const replacement = replacementIn(field?.deprecationReason);
    return replacement ? current(apiFields[replacement]) : field;
  };
  const result = new Map<string, ApiField | null>();
  for (const column of COLUMNS_LEFT_OUT[entity] ?? []) result.set(column, null);
  for (const prop of Object.values(metadata.find(entity)?.properties ?? {})) {
    const field = current(apiFields[prop.name] ?? (prop.name.endsWith('By') ? apiFields[`${prop.name}Subject`] : undefined));
    if (!field) continue;
    for (const column of prop.fieldNames ?? []) {
      if (!result.has(column)) result.set(column, { name: field.name, type: field.type });
    }
  }
  return result;
}

/** One column of an audit record as stored: its name and values as text (kp_change_text). */
export interface StoredChange {
  readonly column: string;
  readonly before: string | null;
  readonly after: string | null;
}

/**
 * A record's stored changes as the API shows them: each column under its field's name with its
 * values in the field's format, ordered by field; columns left out are dropped. A column the ORM no
 * longer knows (one dropped since the record was sealed) keeps its camelCased name and its text.
 */
export function apiChanges(
  entity: AuditedEntity,
  stored: readonly StoredChange[],
  metadata: MetadataStorage,
  schema: GraphQLSchema,
): AuditChange[] {
  const fields = auditedFields(entity, metadata, schema);
  const changes: AuditChange[] = [];
  for (const { column, before, after } of stored) {
    const field = fields.get(column);
    if (field === null) continue;
    if (field === undefined) {
      changes.push({ field: camelCase(column), before, after });
    } else {
      changes.push({ field: field.name, before: apiText(field.type, before), after: apiText(field.type, after) });
    }
  }
  return changes.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
