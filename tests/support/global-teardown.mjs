import { rmSync } from 'node:fs';

export default async function globalTeardown() {
  const handle = globalThis.__TEST_PG__;
  if (!handle) return;
  await handle.cluster.stop();
  rmSync(handle.dir, { recursive: true, force: true });
}
