import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, LOCK_FILE, lockDataDir } from '#infra/local/data-dir-lock';

let dataDir = '';
const lockPath = () => join(dataDir, LOCK_FILE);

/** The pid of a process that has exited, as a crash leaves it in a lock file. */
function deadPid(): number {
  const { pid } = spawnSync(process.execPath, ['-e', '']);
  if (!pid) throw new Error('No child pid');
  return pid;
}

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'tc-lock-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('the data directory lock', () => {
  it('writes the holder’s pid into the data directory and removes it on release', () => {
    const lock = lockDataDir(dataDir);
    const whileHeld = readFileSync(lockPath(), 'utf8');

    lock.release();

    expect(whileHeld.trim()).toBe(String(process.pid));
    expect(existsSync(lockPath())).toBe(false);
  });

  it('creates a data directory that does not exist yet', () => {
    const fresh = join(dataDir, 'not', 'yet');

    const lock = lockDataDir(fresh);

    expect(existsSync(join(fresh, LOCK_FILE))).toBe(true);
    lock.release();
  });

  it('refuses a second holder, naming the running pid and what to do', () => {
    // The parent of this test process runs for as long as the test does.
    writeFileSync(lockPath(), `${process.ppid}\n`);

    let refusal: unknown;
    try {
      lockDataDir(dataDir);
    } catch (error) {
      refusal = error;
    }

    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as DataDirInUseError).pid).toBe(process.ppid);
    expect((refusal as Error).message).toContain(`pid ${process.ppid}`);
    expect((refusal as Error).message).toContain('TC_DATA_DIR');
    expect(readFileSync(lockPath(), 'utf8')).toBe(`${process.ppid}\n`);
  });

  it('refuses a second start in the same process while the first holds the lock', () => {
    const first = lockDataDir(dataDir);

    expect(() => lockDataDir(dataDir)).toThrow(DataDirInUseError);
    first.release();
    const second = lockDataDir(dataDir);
    second.release();
  });

  it('takes over a stale lock left by a process that no longer runs', () => {
    writeFileSync(lockPath(), `${deadPid()}\n`);

    const lock = lockDataDir(dataDir);

    expect(readFileSync(lockPath(), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it.each([
    ['an empty lock', ''],
    ['a lock without a pid', 'not a pid\n'],
    ['a lock naming this very pid from an earlier life (a restarted container)', `${process.pid}\n`],
  ])('takes over %s', (_case, contents) => {
    writeFileSync(lockPath(), contents);

    const lock = lockDataDir(dataDir);

    expect(readFileSync(lockPath(), 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('leaves a lock another process took alone when released twice', () => {
    const lock = lockDataDir(dataDir);
    lock.release();
    writeFileSync(lockPath(), `${process.ppid}\n`);

    lock.release();

    expect(readFileSync(lockPath(), 'utf8')).toBe(`${process.ppid}\n`);
  });
});
