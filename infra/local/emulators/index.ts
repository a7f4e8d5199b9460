import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { LocalEventBus } from '../event-bus/index.ts';
import { startCognito } from './cognito.ts';
import { startDynamoDb } from './dynamodb.ts';
import type { ComponentHealth, Log, RunningEmulator } from './emulator.ts';
import { startEventBus } from './event-bus.ts';
import { startS3 } from './s3.ts';
import { startSes } from './ses.ts';

export {
  type DeliveryFailure,
  type EventBridgeEvent,
  type EventRule,
  LocalEventBus,
} from '../event-bus/index.ts';
export { localAws } from './aws.ts';
export type { ComponentHealth } from './emulator.ts';
export { JavaMissingError } from './java.ts';

/** Base URLs such as `http://127.0.0.1:PORT`. */
export interface EmulatorEndpoints {
  dynamodb: string;
  s3: string;
  cognito: string;
  ses: string;
  eventBus: string;
}

export interface Emulators {
  endpoints: EmulatorEndpoints;
  /** Add rules here; events sent to `endpoints.eventBus` with PutEvents are delivered to them. */
  eventBus: LocalEventBus;
  /** The emulators that run as child processes. */
  pids: { dynamodb: number; cognito: number };
  /** Where data lives: the dataDir given, or a temporary directory removed on stop. */
  dataDir: string;
  health(): Promise<Record<keyof EmulatorEndpoints, ComponentHealth>>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Persist data under this directory; undefined means an ephemeral temp dir removed on stop. */
  dataDir?: string;
  log?: Log;
}

/** Starts DynamoDB Local, s3rver, cognito-local, aws-ses-v2-local and the local event bus, each on a free loopback port. */
export async function startEmulators(options: StartOptions = {}): Promise<Emulators> {
  const log = options.log ?? (() => {});
  const persistent = options.dataDir !== undefined;
  const dataDir =
    options.dataDir === undefined
      ? await mkdtemp(join(tmpdir(), 'trust-center-emulators-'))
      : resolve(options.dataDir);
  // Also on an exit without stop() (an uncaught error, process.exit), so temp dirs do not pile up.
  const removeDataDirOnExit = () => rmSync(dataDir, { recursive: true, force: true });
  if (!persistent) process.once('exit', removeDataDirOnExit);
  const removeDataDir = async () => {
    if (persistent) return;
    process.removeListener('exit', removeDataDirOnExit);
    await rm(dataDir, { recursive: true, force: true });
  };

  const eventBus = new LocalEventBus({ log, retry: { attempts: 8, baseDelayMs: 200, maxDelayMs: 5_000 } });
  const started = await Promise.allSettled([
    startDynamoDb({ dbPath: persistent ? join(dataDir, 'dynamodb') : undefined, log }),
    startS3({ directory: join(dataDir, 's3'), log }),
    startCognito({ directory: join(dataDir, 'cognito'), log }),
    startSes(),
    startEventBus(eventBus),
  ]);
  const [dynamodb, s3, cognito, ses, bus] = started;
  if (
    dynamodb.status === 'rejected' ||
    s3.status === 'rejected' ||
    cognito.status === 'rejected' ||
    ses.status === 'rejected' ||
    bus.status === 'rejected'
  ) {
    await Promise.allSettled(
      started.map((result) => (result.status === 'fulfilled' ? result.value.stop() : undefined)),
    );
    await removeDataDir();
    const failure = started.find((result) => result.status === 'rejected');
    throw failure?.reason instanceof Error ? failure.reason : new Error(String(failure?.reason));
  }

  const emulators = {
    dynamodb: dynamodb.value,
    s3: s3.value,
    cognito: cognito.value,
    ses: ses.value,
    eventBus: bus.value,
  } satisfies Record<keyof EmulatorEndpoints, RunningEmulator>;
  const names = Object.keys(emulators) as Array<keyof EmulatorEndpoints>;
  let stopping: Promise<void> | undefined;

  return {
    endpoints: {
      dynamodb: emulators.dynamodb.endpoint,
      s3: emulators.s3.endpoint,
      cognito: emulators.cognito.endpoint,
      ses: emulators.ses.endpoint,
      eventBus: emulators.eventBus.endpoint,
    },
    eventBus,
    pids: { dynamodb: emulators.dynamodb.pid, cognito: emulators.cognito.pid },
    dataDir,
    async health() {
      const reports = await Promise.all(
        names.map(async (name) => [name, await emulators[name].health()] as const),
      );
      return Object.fromEntries(reports) as Record<keyof EmulatorEndpoints, ComponentHealth>;
    },
    stop() {
      stopping ??= (async () => {
        const results = await Promise.allSettled(names.map((name) => emulators[name].stop()));
        await removeDataDir();
        const failure = results.find((result) => result.status === 'rejected');
        if (failure) throw failure.reason;
      })();
      return stopping;
    },
  };
}
