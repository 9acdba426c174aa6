import type { EntityManager } from '@mikro-orm/postgresql';
import { textArrayLiteral } from '../../db/array-literal';

/**
 * The queue of stored objects to remove (site_photo_discard; src/db/sql/photos): who puts keys on it
 * ahead of storing them, and who takes them off once removed or once their photo is recorded.
 */

/** Queues `keys` before their objects are stored, due after `grace` (a PostgreSQL interval), committed by whoever runs it. */
export async function queueBeforeStoring(em: EntityManager, keys: readonly string[], grace: string): Promise<void> {
  await em.execute('select kp_intend_photo_objects(?::varchar[], ?::interval)', [textArrayLiteral(keys), grace]);
}

/** Takes `keys` off the queue: their objects are removed, or belong to a recorded photo. */
export async function takeOffQueue(em: EntityManager, keys: readonly string[]): Promise<void> {
  await em.execute('select kp_forget_photo_objects(?::varchar[])', [textArrayLiteral(keys)]);
}
