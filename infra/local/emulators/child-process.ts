import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';
import type { Log } from './emulator.ts';

const running = new Set<ChildProcess>();

// Last resort when the parent exits without calling stop(): never leave an emulator behind.
function killLeftovers(): void {
  for (const child of running) child.kill('SIGKILL');
}

/**
 * Keeps track of the child until it exits and forwards its output, line by line, to the log.
 * Returns the last lines it printed, to explain a failed start.
 */
export function supervise(child: ChildProcess, name: string, log: Log, keep = 20): () => string {
  if (running.size === 0) process.once('exit', killLeftovers);
  running.add(child);
  const recent: string[] = [];
  const forget = () => {
    running.delete(child);
    if (running.size === 0) process.removeListener('exit', killLeftovers);
  };
  child.on('error', (error) => {
    recent.push(String(error));
    log(`${name}: ${String(error)}`);
    if (child.pid === undefined) forget();
  });
  child.once('exit', forget);
  for (const stream of [child.stdout, child.stderr]) {
    if (!stream) continue;
    createInterface({ input: stream }).on('line', (colouredLine) => {
      const line = stripVTControlCharacters(colouredLine);
      recent.push(line);
      if (recent.length > keep) recent.shift();
      log(`${name}: ${line}`);
    });
  }
  return () => recent.join('\n');
}

/** True once the child has exited, or if it never started (no pid). */
export function hasExited(child: ChildProcess): boolean {
  return child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
}

/** Asks the child to stop, kills it if it has not exited after `graceMs`, and resolves once it is gone. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (hasExited(child)) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const killer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(killer);
  }
}
