import 'reflect-metadata';
import { seedForProbe } from './rollup';
import { startCluster, startStack } from './support';
async function main() {
  const { pg } = await startCluster();
  for (const size of (process.env.HOLD_SIZES ?? '10000').split(',')) {
    await startStack(pg, `hold_${size}`, (admin) => seedForProbe(admin, Number(size)));
    console.log(`READY ${size} ${pg.urlFor(`hold_${size}`)}`);
  }
  await new Promise(() => {});
}
void main();
