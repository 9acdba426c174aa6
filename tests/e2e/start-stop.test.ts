import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { bannerToken, children, freeLowPort, freePort, gql, interrupt, postgresOn, ROOT, start } from '../support/server-process';

/**
 * What a new user does: `npm start` (the compiled server) on the embedded PostgreSQL, a query and a
 * mutation, Ctrl-C, and a second start that finds the data again. Real processes, real ports.
 */

describe('npm start on the embedded PostgreSQL', () => {
  let dataDir: string;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    // dist/ is built by the global setup, once per run.
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'kp-start-'));
    // Run as root, PostgreSQL runs as its own user, which must reach the data directory.
    chmodSync(dataDir, 0o755);
    env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'development',
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DEV_REALM_PORT: '0',
      EMBEDDED_PG_PORT: String(await freeLowPort()),
      // What `npm start` shows a person (its default level): the demo load is announced.
      LOG_LEVEL: 'info',
    };
  }, 120_000);

  afterAll(() => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    for (const pid of postgresOn(dataDir)) process.kill(pid, 'SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves the demo city, stops cleanly on Ctrl-C and finds its data again on the next start', async () => {
    const first = await start(env);
    expect(first.output()).toContain('loading the demo city');
    expect(first.output()).toMatch(/ws:\/\/127\.0\.0\.1:\d+\/graphql/);

    expect(first.output()).toContain('Demo users of the development realm');
    const cityLeader = bannerToken(first, 'city-leader');
    const listed = await gql(first.url, cityLeader, '{ projects(filter: { tenantCode: "371400" }) { totalCount } }');
    expect(listed.data.projects.totalCount).toBeGreaterThan(200);
    const created = await gql(
      first.url,
      bannerToken(first, 'county-leader'),
      'mutation($input: CreateProjectInput!) { createProject(input: $input) { id } }',
      { input: { name: '重启后仍在的项目', category: 'OTHER', nature: 'NEW', ownerTenantCode: '371402', totalInvestmentWan: '5000' } },
    );
    const id = created.data.createProject.id as string;

    expect(await interrupt(first)).toBe(0);
    expect(postgresOn(dataDir)).toEqual([]);

    const second = await start(env);
    expect(second.output()).not.toContain('loading the demo city');
    const found = await gql(second.url, bannerToken(second, 'city-leader'), `{ project(id: "${id}") { name } projects { totalCount } }`);
    expect(found.data.project.name).toBe('重启后仍在的项目');
    expect(found.data.projects.totalCount).toBe(listed.data.projects.totalCount + 1);
    expect(await interrupt(second)).toBe(0);
    expect(postgresOn(dataDir)).toEqual([]);
  }, 240_000);

  it('takes over the data directory after the server was killed, stopping the postgres it left behind', async () => {
    const first = await start(env);
    const exited = new Promise((resolve) => first.child.once('exit', resolve));
    first.child.kill('SIGKILL');
    await exited;
    expect(postgresOn(dataDir).length).toBeGreaterThan(0);

    const second = await start(env);
    const result = await gql(second.url, bannerToken(second, 'town-officer'), '{ tenant(code: "371400") { name } }');
    expect(result.data.tenant.name).toBe('德州市');
    expect(await interrupt(second)).toBe(0);
    expect(postgresOn(dataDir)).toEqual([]);
  }, 240_000);

  it('refuses to start with every configuration problem listed at once', async () => {
    const child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: { ...env, PORT: 'abc', NODE_ENV: 'production', DB_POOL_MAX: '0' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += String(chunk)));
    const code = await new Promise((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain('PORT');
    expect(stderr).toContain('DB_POOL_MAX');
    expect(stderr).toContain('DATABASE_URL is required');
    expect(stderr).toContain('KEYCLOAK_URL is required');
  });
});
