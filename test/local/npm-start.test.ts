import { type ChildProcess, execFile, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LOCK_FILE } from '#infra/local/data-dir-lock';

/** `npm start`'s entry as a user runs it: boots, serves, and on SIGTERM stops with nothing left behind. */
function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

interface Started {
  child: ChildProcess;
  output(): string;
  /** The process's exit code, once it exits. */
  exited: Promise<number | null>;
}

const running: ChildProcess[] = [];
const dataDirs: string[] = [];

/** Runs `npm start`'s entry on a data directory, collecting what it prints. */
function npmStart(dataDir: string, env: Record<string, string> = {}): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    env: { ...process.env, PORT: '0', TC_DATA_DIR: dataDir, TC_ACCESS_LOG: 'false', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.push(child);
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

/** The base URL from the boot banner. */
function bootedAt(started: Started): Promise<string> {
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`No boot line within 60 s:\n${started.output()}`)),
      60_000,
    );
    void started.exited.then((code) => {
      clearInterval(poll);
      clearTimeout(timer);
      reject(new Error(`Exited with ${code} before booting:\n${started.output()}`));
    });
    const poll = setInterval(() => {
      const url = started.output().match(/Health\s+(http:\/\/localhost:\d+)\/health/)?.[1];
      if (url) {
        clearInterval(poll);
        clearTimeout(timer);
        resolve(url);
      }
    }, 100);
  });
}

async function stop(started: Started): Promise<number | null> {
  started.child.kill('SIGTERM');
  return started.exited;
}

async function newDataDir(): Promise<string> {
  const dataDir = await mkdtemp(join(tmpdir(), 'tc-npm-start-'));
  dataDirs.push(dataDir);
  return dataDir;
}

/** A port nothing listens on now, so a test can poll it before the platform says where it is. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Answer {
  status: number;
  headers: Headers;
  body: { error?: { type: string; message: string }; status?: string };
}

/** One request, or undefined while nothing accepts connections on the port. */
async function tryFetch(url: string, init?: RequestInit): Promise<Answer | undefined> {
  try {
    const response = await fetch(url, init);
    return {
      status: response.status,
      headers: response.headers,
      body: (await response.json()) as Answer['body'],
    };
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED') return undefined;
    throw error;
  }
}

/** The banner's sign-in lines, from the one-liner that sets TOKEN to the request that uses it. */
function signInLines(output: string): string {
  const lines = output.split('\n');
  const first = lines.findIndex((line) => line.startsWith('Sign in and list accounts:'));
  const last = lines.findIndex(
    (line, index) => index > first && line.includes('Authorization: Bearer $TOKEN'),
  );
  if (first === -1 || last === -1) throw new Error(`No sign-in lines in the banner:\n${output}`);
  return lines.slice(first + 1, last + 1).join('\n');
}

/** Runs shell text as a user pasting it would: `sh -c`, in the given environment. */
function runInShell(script: string, env: Record<string, string> = {}): Promise<string> {
  return new Promise((resolve, reject) =>
    execFile(
      'sh',
      ['-c', script],
      { env: { ...process.env, ...env }, timeout: 30_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout)),
    ),
  );
}

/** An access-log line as main.ts prints it: `  GET /health 200 1.2 ms`. */
const ACCESS_LOG_LINE = /^ {2}[A-Z]+ \/\S* \d{3} [\d.]+ ms$/m;

afterEach(() => {
  for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

afterAll(async () => {
  for (const dataDir of dataDirs) await rm(dataDir, { recursive: true, force: true });
});

describe('npm start', () => {
  it('serves /health and the OpenAPI document, then stops on SIGTERM leaving no process behind', async () => {
    const dataDir = await newDataDir();
    const first = npmStart(dataDir);
    const base = await bootedAt(first);

    const health = await fetch(`${base}/health`);
    const openapi = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { openapi: string };
    const whileRunning = processesMentioning(dataDir);
    const exitCode = await stop(first);

    expect(health.status).toBe(200);
    expect(openapi.openapi).toBe('3.1.0');
    expect(whileRunning.length).toBeGreaterThan(0);
    expect(exitCode).toBe(0);
    expect(first.output()).toContain('Stopped.');
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 120_000);

  it('refuses a second start on the same data directory, naming the first, which keeps serving', async () => {
    const dataDir = await newDataDir();
    const first = npmStart(dataDir);
    const base = await bootedAt(first);
    const lockWhileRunning = await readFile(join(dataDir, LOCK_FILE), 'utf8');

    const second = npmStart(dataDir);
    const secondExit = await second.exited;
    const health = await fetch(`${base}/health`);
    const openapi = await fetch(`${base}/api/v1/openapi.json`);
    const firstExit = await stop(first);

    expect(lockWhileRunning.trim()).toBe(String(first.child.pid));
    expect(secondExit).toBe(1);
    expect(second.output()).toContain(`Another trust center platform (pid ${first.child.pid})`);
    expect(second.output()).toContain(dataDir);
    expect(second.output()).not.toContain('Trust center platform is up');
    expect(second.output()).not.toMatch(/\bat .*\.ts:\d+/); // a message, not a stack trace
    expect(health.status).toBe(200);
    expect(openapi.status).toBe(200);
    expect(firstExit).toBe(0);
    expect(existsSync(join(dataDir, LOCK_FILE))).toBe(false);
  }, 120_000);

  it('starts over a stale lock left by a process that no longer runs', async () => {
    const dataDir = await newDataDir();
    const crashed = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(join(dataDir, LOCK_FILE), `${crashed}\n`);

    const started = npmStart(dataDir);
    const base = await bootedAt(started);
    const health = await fetch(`${base}/health`);
    const lock = await readFile(join(dataDir, LOCK_FILE), 'utf8');
    const exitCode = await stop(started);

    expect(health.status).toBe(200);
    expect(lock.trim()).toBe(String(started.child.pid));
    expect(exitCode).toBe(0);
  }, 120_000);

  it('answers /health 200 only once sign-in works, and refuses the API with 503 before then', async () => {
    const dataDir = await newDataDir();
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const started = npmStart(dataDir, { PORT: String(port), TC_ACCESS_LOG: 'true' });
    const startingAnswers: Answer[] = [];
    const deadline = Date.now() + 90_000;

    let health: Answer | undefined;
    while (Date.now() < deadline && started.child.exitCode === null) {
      health = await tryFetch(`${base}/health`);
      if (health?.status === 200) break;
      if (health) {
        startingAnswers.push(health);
        const api = await tryFetch(`${base}/api/v1/openapi.json`);
        // Readiness never goes back: when health still says 503 after the API answered, the API answered before ready.
        const after = await tryFetch(`${base}/health`);
        if (api && after?.status === 503) startingAnswers.push(api);
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const secrets = JSON.parse(await readFile(join(dataDir, 'secrets.json'), 'utf8')) as {
      generatedAdminPassword: string;
    };
    const login = await fetch(`${base}/api/v1/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email: 'admin@example.com', password: secrets.generatedAdminPassword }),
    });
    await bootedAt(started);
    await stop(started);

    expect(health?.status).toBe(200);
    expect(login.status).toBe(200);
    // Provisioning takes the better part of a second after the port opens: polled every 20 ms, it shows.
    expect(startingAnswers.length).toBeGreaterThan(0);
    for (const answer of startingAnswers) {
      expect(answer.status).toBe(503);
      expect(answer.headers.get('retry-after')).toBe('1');
      expect(answer.headers.get('cache-control')).toBe('no-store');
      expect(answer.body.error?.type).toBe('api_error');
      expect(answer.body.error?.message).toMatch(/not ready|starting/i);
    }
  }, 150_000);

  it('prints a sign-in one-liner that works as pasted, and no access-log line before the banner', async () => {
    const dataDir = await newDataDir();
    const started = npmStart(dataDir, { TC_ACCESS_LOG: 'true' });
    await bootedAt(started);
    const banner = started.output();

    const accounts = await runInShell(signInLines(banner));
    const afterBanner = started.output();
    await stop(started);

    expect(banner).not.toContain('<password>');
    expect(banner.slice(0, banner.indexOf('Trust center platform is up'))).not.toMatch(ACCESS_LOG_LINE);
    expect(JSON.parse(accounts)).toMatchObject({
      accounts: [expect.objectContaining({ title: 'Example Customer GmbH' })],
    });
    // The access log runs after the banner: the one-liner's requests are there.
    expect(afterBanner.slice(afterBanner.indexOf('Ctrl-C stops everything.'))).toMatch(
      /POST \/api\/v1\/login 200/,
    );
  }, 120_000);

  it('names a password from the environment by its variable, and the one-liner reads it safely quoted', async () => {
    const dataDir = await newDataDir();
    // Every character a shell or JSON would trip on.
    const password = `It's "a" $HOME \\ \`pass\` & more-1A`;
    const started = npmStart(dataDir, { TC_ADMIN_PASSWORD: password });
    await bootedAt(started);
    const banner = started.output();

    const accounts = await runInShell(signInLines(banner), { TC_ADMIN_PASSWORD: password });
    await stop(started);

    expect(banner).not.toContain(password);
    expect(banner).toContain('$TC_ADMIN_PASSWORD');
    expect(JSON.parse(accounts)).toHaveProperty('accounts');
  }, 120_000);
});
