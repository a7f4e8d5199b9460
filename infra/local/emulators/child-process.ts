import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { stripVTControlCharacters } from 'node:util';
import type { Log } from './emulator.ts';

/**
 * `node --import` this to make a Node child exit when its IPC channel to us closes,
 * that is when this process dies without stopping it, however it dies.
 */
export const exitWithParent = 'data:text/javascript,process.on("disconnect",()=>process.exit(0))';

// A JVM cannot notice that its parent died, so java runs under this small Node process,
// which does notice (its IPC channel closes) and kills it; signals are passed through.
const guardianScript = `
const { spawn } = require('node:child_process');
const [command, ...args] = JSON.parse(process.argv[1]);
const guarded = spawn(command, args, { stdio: ['ignore', 'inherit', 'inherit'] });
guarded.on('error', (error) => { console.error(String(error)); process.exit(127); });
guarded.on('spawn', () => process.send({ pid: guarded.pid }));
guarded.on('exit', (code) => process.exit(code ?? 1));
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => guarded.kill(signal));
process.on('disconnect', () => guarded.kill('SIGKILL'));
`;

export interface GuardedProcess {
  /** The Node process watching over the command; it exits when the command does. */
  guardian: ChildProcess;
  /** The command's own pid. */
  pid: number;
}

/** Spawns `command` so that it dies with this process even when this process is killed outright. */
export async function spawnGuarded(
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv },
): Promise<GuardedProcess> {
  const guardian = spawn(process.execPath, ['-e', guardianScript, JSON.stringify([command, ...args])], {
    ...options,
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  const [message] = (await Promise.race([
    once(guardian, 'message'),
    once(guardian, 'exit').then(() => [undefined]),
  ])) as [unknown];
  const pid = typeof message === 'object' && message !== null && 'pid' in message ? message.pid : undefined;
  if (typeof pid !== 'number') throw new Error(`${command} did not start`);
  return { guardian, pid };
}

/**
 * Keeps the child's output flowing, line by line, into the log.
 * Returns the last lines it printed, to explain a failed start.
 */
export function supervise(child: ChildProcess, name: string, log: Log, keep = 20): () => string {
  const recent: string[] = [];
  const remember = (line: string) => {
    recent.push(line);
    if (recent.length > keep) recent.shift();
    log(`${name}: ${line}`);
  };
  child.on('error', (error) => remember(String(error)));
  for (const stream of [child.stdout, child.stderr]) {
    if (stream)
      createInterface({ input: stream }).on('line', (line) => remember(stripVTControlCharacters(line)));
  }
  return () => recent.join('\n');
}

/** True once the child has exited, or if it never started (no pid). */
export function hasExited(child: ChildProcess): boolean {
  return child.pid === undefined || child.exitCode !== null || child.signalCode !== null;
}

/**
 * Sends SIGTERM to `pid` (the child itself unless given), SIGKILL after `graceMs`,
 * and resolves once the child has exited.
 */
export async function stopChild(
  child: ChildProcess,
  { pid = child.pid, graceMs = 5000 } = {},
): Promise<void> {
  if (hasExited(child) || pid === undefined) return;
  const exited = once(child, 'exit');
  signal(pid, 'SIGTERM');
  const killer = setTimeout(() => signal(pid, 'SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(killer);
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}
