import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { type LatencyStats, summarize } from './stats.ts';

export interface RawOptions {
  endpoint: string;
  region: string;
  tableName: string;
  key: { pk: string; sk: string };
  warmupCalls: number;
  /** Concurrent calls before the concurrent run, so the JVM has compiled its hot paths. */
  warmupMs: number;
  sequentialCalls: number;
  concurrency: number;
  durationMs: number;
}

export interface RawRun {
  callers: number;
  calls: number;
  errors: number;
  seconds: number;
  opsPerSecond: number;
  latency: LatencyStats;
}

export interface RawResults {
  operation: string;
  sequential: RawRun;
  concurrent: RawRun;
}

/**
 * The floor under `GET /api/v1/accounts/{id}`: the same GetItem the service makes, through a
 * DocumentClient configured as the services' one, against the same DynamoDB Local and item.
 */
export async function measureRawGetItem(options: RawOptions): Promise<RawResults> {
  const client = DynamoDBDocumentClient.from(
    new DynamoDBClient({ region: options.region, endpoint: options.endpoint }),
    {
      marshallOptions: { removeUndefinedValues: true },
    },
  );
  const command = () => new GetCommand({ TableName: options.tableName, Key: options.key });
  const concurrentCalls = (durationMs: number) => async (record: Recorder) => {
    const deadline = performance.now() + durationMs;
    const caller = async () => {
      while (performance.now() < deadline) await record(() => client.send(command()));
    };
    await Promise.all(Array.from({ length: options.concurrency }, caller));
  };
  try {
    const first = await client.send(command());
    if (!first.Item) throw new Error(`No item under ${JSON.stringify(options.key)} in ${options.tableName}`);

    // Warm-up: concurrent first (DynamoDB Local's JVM needs several seconds of load before its latency
    // settles), then a few calls in sequence.
    await timed(options.concurrency, concurrentCalls(options.warmupMs));
    for (let call = 0; call < options.warmupCalls; call += 1) await client.send(command());
    const sequential = await timed(1, async (record) => {
      for (let call = 0; call < options.sequentialCalls; call += 1)
        await record(() => client.send(command()));
    });
    const concurrent = await timed(options.concurrency, concurrentCalls(options.durationMs));
    return { operation: 'GetItem (lib-dynamodb GetCommand)', sequential, concurrent };
  } finally {
    client.destroy();
  }
}

type Recorder = (call: () => Promise<unknown>) => Promise<void>;

async function timed(callers: number, body: (record: Recorder) => Promise<void>): Promise<RawRun> {
  const latencies: number[] = [];
  let errors = 0;
  const record: Recorder = async (call) => {
    const started = performance.now();
    try {
      await call();
      latencies.push(performance.now() - started);
    } catch {
      errors += 1;
    }
  };
  const started = performance.now();
  await body(record);
  const seconds = (performance.now() - started) / 1000;
  return {
    callers,
    calls: latencies.length,
    errors,
    seconds,
    opsPerSecond: latencies.length / seconds,
    latency: summarize(latencies),
  };
}
