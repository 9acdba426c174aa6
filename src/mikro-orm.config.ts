import { MIGRATIONS } from '../migrations';
import { ormOptions, type OrmOptionsInput } from './db/orm-options';
import { ENTITIES } from './modules/registry';

export type AppOrmInput = Omit<OrmOptionsInput, 'entities' | 'migrations'>;

/** The application's ORM options: its entities and migrations on the given database. */
export function appOrmOptions(input: AppOrmInput) {
  return ormOptions({ ...input, entities: ENTITIES, migrations: MIGRATIONS });
}
