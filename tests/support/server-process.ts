import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freeLowPort as freeLowPortFrom } from '../../src/db/embedded-postgres';

/** The repository root, found from here whether this runs from tests/ (jest) or compiled into dist/ (benchmarks). */
function repositoryRoot(from: string): string {
  for (let dir = from; dir !== path.dirname(dir); dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json')) && existsSync(path.join(dir, 'src'))) return dir;
  }
  throw new Error(`no repository root above ${from}`);
}

/** The compiled server (dist/, built by the global setup) started as a real process, as `npm start` does. */
export const ROOT = repositoryRoot(__dirname);

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A free loopback port below the ephemeral range (32768+), where the embedded PostgreSQL wants one. */
export const freeLowPort = (): Promise<number> => freeLowPortFrom(25000 + (process.pid % 3000));

/** PIDs of postgres processes whose command line names the data directory. */
export function postgresOn(dir: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        return cmd.includes('postgres') && cmd.includes(dir);
      } catch {
        return false;
      }
    })
    .map(Number);
}

export interface CommandRun {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a compiled command (`dist/src/scripts/<name>.js`, built by the global setup) as its own
 * process, as `npm run <command>` does, with only `env` (plus PATH and HOME): its exit code is
 * what a shell or CI would see.
 */
export function runCommand(name: string, args: readonly string[], env: NodeJS.ProcessEnv): Promise<CommandRun> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [`dist/src/scripts/${name}.js`, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, HOME: process.env.HOME, NODE_ENV: 'development', LOG_LEVEL: 'warn', ...env } },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

export interface Running {
  child: ChildProcess;
  output: () => string;
  url: string;
}

/**
 * The environment of a server process in a test: loopback only, its own development realm on a
 * free port, no demo data, warnings only; `overrides` adds the database, port, data directory...
 */
export function serverEnv(overrides: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    NODE_ENV: 'development',
    HOST: '127.0.0.1',
    DEV_REALM_PORT: '0',
    LOAD_DEMO_DATA: 'false',
    LOG_LEVEL: 'warn',
    ...overrides,
  };
}

/** A demo user's token as the banner prints it (TOKEN_CITY_LEADER=...). */
export function bannerToken(running: Running, user: string): string {
  const match = new RegExp(`TOKEN_${user.toUpperCase().replaceAll('-', '_')}=(\\S+)`).exec(running.output());
  if (!match?.[1]) throw new Error(`no token for ${user} in the banner`);
  return match[1];
}

/** Every process started, so that a test's cleanup can kill what is left. */
export const children: ChildProcess[] = [];

/**
 * Starts dist/src/main.js with `env` (and `nodeArgs` for node itself, e.g. --inspect), of this
 * checkout or of `root` (another build, compared by bench:api); resolves once
 * it answers /healthz on `env.PORT` and, with the development realm, has printed its guide (the
 * demo users' tokens: see bannerToken). Nothing else it prints is read: its log level is the test's.
 */
export function start(env: NodeJS.ProcessEnv, nodeArgs: string[] = [], root = ROOT): Promise<Running> {
  const child = spawn(process.execPath, [...nodeArgs, 'dist/src/main.js'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += String(chunk)));
  child.stderr!.on('data', (chunk) => (output += String(chunk)));
  const base = `http://127.0.0.1:${env['PORT'] ?? '4000'}`;
  const serving = async (): Promise<boolean> => {
    const healthy = await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    );
    const guide = !env['KEYCLOAK_URL'];
    return healthy && (!guide || output.includes('Press Ctrl-C to stop'));
  };
  return new Promise((resolve, reject) => {
    let settled = false;
    const timer = setTimeout(() => finish(new Error(`not serving within 90 s:\n${output}`)), 90_000);
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      if (error) reject(error);
      else resolve({ child, output: () => output, url: `${base}/graphql` });
    };
    child.once('exit', (code) => finish(new Error(`server exited with ${code}:\n${output}`)));
    const poll = async (): Promise<void> => {
      while (!settled) {
        if (await serving()) return finish();
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    void poll();
  });
}

export function interrupt(running: Running): Promise<number | null> {
  return new Promise((resolve) => {
    // A server that has crashed already emits no second 'exit': waiting for one would hang.
    const { child } = running;
    if (child.exitCode !== null || child.signalCode !== null) return resolve(child.exitCode);
    running.child.once('exit', (code) => resolve(code));
    running.child.kill('SIGINT');
  });
}

export async function gql(url: string, token: string, query: string, variables?: unknown): Promise<any> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return response.json();
}
