import { linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * One local platform per data directory. Two would share DynamoDB Local's files (every request of the second
 * hangs, then fails) and the relay's checkpoint (the one that stops last winds it back, so events are published
 * twice). The lock is a file in the data directory, created exclusively (a hard link fails if it exists),
 * holding the owner's pid; a lock whose pid no longer runs is stale and is taken over.
 */
export const LOCK_FILE = 'platform.lock';

/** Another running process holds the data directory. The message says which and what to do. */
export class DataDirInUseError extends Error {
  override readonly name = 'DataDirInUseError';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `Another trust center platform (pid ${pid}) is already running on the data directory ${dataDir}. ` +
        'Stop it first (Ctrl-C in its terminal), or start this one on another directory with TC_DATA_DIR=<dir>. ' +
        `If pid ${pid} is not a trust center platform, delete ${resolve(dataDir, LOCK_FILE)}.`,
    );
  }
}

export interface DataDirLock {
  /** The lock file's absolute path. */
  path: string;
  /** Removes the lock file if it is still this lock's; safe to call more than once. */
  release(): void;
}

/** Lock files this process holds, so a second start in the same process is refused too (its pid is ours). */
const heldHere = new Set<string>();

/** The pid a lock file names, or null when it names none (empty, cut short, not ours). */
function pidIn(contents: string): number | null {
  const pid = Number(contents.trim().split('\n')[0]);
  return Number.isSafeInteger(pid) && pid > 0 ? pid : null;
}

/** Whether a process with this pid runs (EPERM: it runs as another user). */
function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readIfPresent(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/**
 * Creates the lock file, complete, only if none exists; false when one does. Written aside and hard-linked into
 * place, so nobody ever reads a lock without its pid (which would look stale and be taken over).
 */
function createExclusively(path: string, contents: string): boolean {
  const draft = `${path}.${process.pid}.tmp`;
  writeFileSync(draft, contents, { mode: 0o644 });
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

/**
 * Takes the data directory (created if missing) for this process: writes `<dataDir>/platform.lock` holding
 * `process.pid`. A lock left by a process that no longer runs, or by an earlier life of this pid (a container
 * restarted with the same pid), is replaced. Throws `DataDirInUseError` when a running process holds it. The
 * lock is also removed when the process exits, so only a crash (SIGKILL, power loss) leaves a stale one.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const directory = resolve(dataDir);
  const path = resolve(directory, LOCK_FILE);
  if (heldHere.has(path)) throw new DataDirInUseError(directory, process.pid);
  mkdirSync(directory, { recursive: true });
  const contents = `${process.pid}\n`;
  // Two rounds: the second follows the removal of a stale lock; losing that race to another starter refuses.
  for (let attempt = 0; attempt < 2; attempt += 1) {
    if (createExclusively(path, contents)) {
      heldHere.add(path);
      const release = () => {
        if (!heldHere.delete(path)) return;
        if (readIfPresent(path) !== contents) return;
        try {
          unlinkSync(path);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
        }
      };
      process.once('exit', release);
      return {
        path,
        release() {
          process.removeListener('exit', release);
          release();
        },
      };
    }
    const existing = readIfPresent(path);
    if (existing === null) continue; // released in between
    const holder = pidIn(existing);
    if (holder !== null && holder !== process.pid && isRunning(holder))
      throw new DataDirInUseError(directory, holder);
    // Stale. Remove it only if it is still the file just judged, so a lock another starter took meanwhile stays.
    if (readIfPresent(path) === existing) {
      try {
        unlinkSync(path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
  }
  const holder = pidIn(readIfPresent(path) ?? '');
  throw new DataDirInUseError(directory, holder ?? 0);
}
