import { MikroORM } from '@mikro-orm/postgresql';
import { appOrmOptions } from '../../src/mikro-orm.config';
import { createTestDatabase } from '../support/database';

describe('migrations', () => {
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let orm: MikroORM;

  beforeAll(async () => {
    db = await createTestDatabase('empty');
    orm = await MikroORM.init(appOrmOptions({ clientUrl: db.url, poolMax: 2 }));
  });

  afterAll(async () => {
    await orm.close(true);
    await db.drop();
  });

  it('leaves nothing pending once applied', async () => {
    expect(await orm.getMigrator().getPendingMigrations()).toEqual([]);
  });

  it('produce exactly the schema the entities describe (add a migration when this fails)', async () => {
    const diff = await orm.schema.getUpdateSchemaSQL({ wrap: false, safe: false, dropTables: true });
    expect(diff.trim()).toBe('');
  });

  it('create the ltree extension the tenant paths need', async () => {
    const rows = await orm.em.fork().getConnection().execute("select extname from pg_extension where extname = 'ltree'");
    expect(rows).toHaveLength(1);
  });
});
