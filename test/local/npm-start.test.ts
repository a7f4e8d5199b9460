import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

/** `npm start`'s entry as a user runs it: boots, serves, and on SIGTERM stops with nothing left behind. */
function processesMentioning(text: string): string[] {
  try {
    return execFileSync('pgrep', ['-f', text], { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  } catch {
    return []; // pgrep exits 1 when nothing matches
  }
}

describe('npm start', () => {
  let child: ChildProcess | undefined;
  let dataDir = '';

  afterAll(async () => {
    child?.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves /health and the OpenAPI document, then stops on SIGTERM leaving no process behind', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'tc-npm-start-'));
    child = spawn(process.execPath, ['--import', 'tsx', 'infra/local/main.ts'], {
      env: { ...process.env, PORT: '0', TC_DATA_DIR: dataDir, TC_ACCESS_LOG: 'false' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    const base = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`No boot line within 60 s:\n${output}`)), 60_000);
      const poll = setInterval(() => {
        const url = output.match(/Health\s+(http:\/\/localhost:\d+)\/health/)?.[1];
        if (url) {
          clearInterval(poll);
          clearTimeout(timer);
          resolve(url);
        }
      }, 100);
    });

    const health = await fetch(`${base}/health`);
    const openapi = (await (await fetch(`${base}/api/v1/openapi.json`)).json()) as { openapi: string };
    const whileRunning = processesMentioning(dataDir);
    const exitCode = await new Promise<number | null>((resolve) => {
      child?.once('exit', (code) => resolve(code));
      child?.kill('SIGTERM');
    });
    child = undefined;

    expect(health.status).toBe(200);
    expect(openapi.openapi).toBe('3.1.0');
    expect(whileRunning.length).toBeGreaterThan(0);
    expect(exitCode).toBe(0);
    expect(output).toContain('Stopped.');
    expect(processesMentioning(dataDir)).toEqual([]);
  }, 120_000);
});
