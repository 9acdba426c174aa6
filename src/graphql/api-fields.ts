import type { MetadataStorage } from '@mikro-orm/core';
import { isObjectType, type GraphQLField, type GraphQLOutputType, type GraphQLSchema } from 'graphql';
import { apiText } from './api-text';
import { replacementIn } from './deprecation';

/** The API field a stored column is shown as: its name and GraphQL type (which writes its values). */
export interface ApiField {
  readonly name: string;
  readonly type: GraphQLOutputType;
}

/** One changed column as the database wrote it: its name and values as text (kp_change_text). */
export interface StoredChange {
  readonly column: string;
  readonly before: string | null;
  readonly after: string | null;
}

/** One changed value as the API shows it: the field's name and the values in the field's format. */
export interface ApiChange {
  readonly field: string;
  readonly before: string | null;
  readonly after: string | null;
}

/**
 * How the API names an entity's stored columns (the entity is named as its ORM class and GraphQL
 * type are): the API field of the entity's property, followed to its replacement when deprecated
 * (see `formerNameOf`), so a change stored before a rename reads under today's name; a `…_by`
 * column holding a subject reads as `…BySubject` where the API shows no `…By`. Derived from the
 * ORM's metadata and the schema, once per schema and entity, so a new column or field needs no
 * edit here. A column the API has no field for is absent. The audit trail and live events both
 * name their changes through this.
 */
export function apiFieldsOf(entity: string, metadata: MetadataStorage, schema: GraphQLSchema): ReadonlyMap<string, ApiField> {
  let bySchema = cache.get(schema);
  if (!bySchema) cache.set(schema, (bySchema = new Map()));
  let fields = bySchema.get(entity);
  if (!fields) bySchema.set(entity, (fields = derive(entity, metadata, schema)));
  return fields;
}

const cache = new WeakMap<GraphQLSchema, Map<string, ReadonlyMap<string, ApiField>>>();

function derive(entity: string, metadata: MetadataStorage, schema: GraphQLSchema): ReadonlyMap<string, ApiField> {
  const type = schema.getType(entity);
  if (!isObjectType(type)) throw new Error(`the entity ${entity} is not an object type of the schema`);
  const apiFields = type.getFields();
  const current = (field: GraphQLField<unknown, unknown> | undefined): GraphQLField<unknown, unknown> | undefined => {
    const replacement = replacementIn(field?.deprecationReason);
    return replacement ? current(apiFields[replacement]) : field;
  };
  const result = new Map<string, ApiField>();
  for (const prop of Object.values(metadata.find(entity)?.properties ?? {})) {
    const field = current(apiFields[prop.name] ?? (prop.name.endsWith('By') ? apiFields[`${prop.name}Subject`] : undefined));
    if (!field) continue;
    for (const column of prop.fieldNames ?? []) {
      if (!result.has(column)) result.set(column, { name: field.name, type: field.type });
    }
  }
  return result;
}

/** Where the API's names come from: the ORM's metadata and the schema. */
export interface ApiNaming {
  readonly metadata: MetadataStorage;
  readonly schema: GraphQLSchema;
}

/**
 * Stored changes of an entity's record as the API shows them: each column under its field's name
 * with its values in the field's format, ordered by field; the columns `leftOut` are dropped. A column
 * the ORM does not know (one dropped since a change was stored, or a key that is not a column)
 * keeps its camelCased name and its text; so does every column of an entity left unnamed.
 */
export function apiChanges(
  entity: string | undefined,
  stored: Iterable<StoredChange>,
  { metadata, schema }: ApiNaming,
  leftOut: readonly string[] = [],
): ApiChange[] {
  const fields = entity === undefined ? undefined : apiFieldsOf(entity, metadata, schema);
  const changes: ApiChange[] = [];
  for (const { column, before, after } of stored) {
    if (leftOut.includes(column)) continue;
    const field = fields?.get(column);
    if (field === undefined) {
      changes.push({ field: camelCase(column), before, after });
    } else {
      changes.push({ field: field.name, before: apiText(field.type, before), after: apiText(field.type, after) });
    }
  }
  return changes.sort((a, b) => (a.field < b.field ? -1 : a.field > b.field ? 1 : 0));
}

const camelCase = (column: string) => column.replace(/_([a-z0-9])/g, (_m, c: string) => c.toUpperCase());
