import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
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
function npmStart(dataDir: string): Started {
  const child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
    env: { ...process.env, PORT: '0', TC_DATA_DIR: dataDir, TC_ACCESS_LOG: 'false' },
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
});
