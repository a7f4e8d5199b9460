import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  ExpiredIteratorException,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type _Record as StreamRecord,
  TrimmedDataAccessException,
} from '@aws-sdk/client-dynamodb-streams';
import { EventBridgeClient, PutEventsCommand, type PutEventsRequestEntry } from '@aws-sdk/client-eventbridge';
import { readCheckpoint, writeCheckpoint } from '#infra/local/outbox-checkpoint';
import { isOutboxRecord, outboxEvent } from '#infra/local/outbox-entry';
import { withEmptyMapsTyped } from '#infra/local/stream-image';

export interface OutboxRelayOptions {
  tableName: string;
  dynamodbEndpoint: string;
  eventBusEndpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  /** Keeps each shard's position here across restarts; undefined keeps it in memory (tests). */
  checkpointFile?: string;
  /** Milliseconds between polls while every shard is caught up (default 50). */
  pollIntervalMs?: number;
  log?: (line: string) => void;
  /** Called with every bus detail before it is published; a returned string is a catalogue violation. */
  check?: (detail: Record<string, unknown>, detailType: string) => string | undefined;
}

interface ShardState {
  /** The last sequence number published; reading resumes after it. */
  lastSequence?: string;
  iterator?: string;
  closed?: boolean;
}

/** What one poll did: stream records read (of any kind) and outbox events published. */
interface PollResult {
  records: number;
  published: number;
}

/** A safety net: shards are also discovered whenever one closes (DynamoDB rolls shards over every few hours). */
const SHARD_REFRESH_MS = 5_000;

/**
 * The local stand-in for the EventBridge Pipe of infra/constructs/outbox-pipe.ts: it reads the table's
 * stream from DynamoDB Local, keeps the records the pipe's filter keeps, renders the pipe's input template
 * and puts the result on the local bus over EventBridge's wire protocol. A shard's position advances only
 * after PutEvents accepted its records, so stopping the relay, or the bus refusing events, loses nothing:
 * publishing resumes where it stopped (at least once; consumers dedupe by event id).
 */
export class OutboxRelay {
  readonly #options: OutboxRelayOptions;
  readonly #dynamodb: DynamoDBClient;
  readonly #streams: DynamoDBStreamsClient;
  readonly #events: EventBridgeClient;
  readonly #shards = new Map<string, ShardState>();
  readonly #violations: string[] = [];
  #streamArn: string | undefined;
  #timer: NodeJS.Timeout | undefined;
  #running = false;
  #polling: Promise<PollResult> | undefined;
  /** When the shard list was last read (performance.now()); it is read again once a shard closes, or after SHARD_REFRESH_MS. */
  #shardsReadAt = Number.NEGATIVE_INFINITY;
  #published = 0;
  #lastError: string | undefined;

  constructor(options: OutboxRelayOptions) {
    this.#options = options;
    const client = { region: options.region, credentials: options.credentials, maxAttempts: 1 };
    this.#dynamodb = new DynamoDBClient({ ...client, endpoint: options.dynamodbEndpoint });
    this.#streams = new DynamoDBStreamsClient({ ...client, endpoint: options.dynamodbEndpoint });
    this.#events = new EventBridgeClient({ ...client, endpoint: options.eventBusEndpoint });
  }

  get running(): boolean {
    return this.#running;
  }

  /** Events that broke the event catalogue (unknown type, data not matching its schema). */
  get violations(): readonly string[] {
    return this.#violations;
  }

  status() {
    return {
      running: this.#running,
      published: this.#published,
      shards: this.#shards.size,
      lastError: this.#lastError ?? null,
      violations: this.#violations.length,
    };
  }

  async start(): Promise<void> {
    if (this.#running) return;
    if (!this.#streamArn) await this.#loadCheckpoint();
    this.#running = true;
    this.#schedule(0);
  }

  /** Stops polling; what the stream holds meanwhile is published after the next start. */
  async stop(): Promise<void> {
    this.#running = false;
    clearTimeout(this.#timer);
    await this.#polling?.catch(() => 0);
  }

  async close(): Promise<void> {
    await this.stop();
    this.#dynamodb.destroy();
    this.#streams.destroy();
    this.#events.destroy();
  }

  /**
   * Reads the stream until every shard is caught up and returns how many events it published. Refuses
   * while stopped: draining a stopped relay would hide the outage a test means to simulate.
   */
  async drain(): Promise<number> {
    if (!this.#running) throw new Error('The outbox relay is stopped');
    let total = 0;
    for (;;) {
      const { records, published } = await this.#pollExclusive();
      total += published;
      // Caught up only when no shard had a record left: a page may hold no outbox item at all (the
      // consumers' own writes, entities), and the outbox items behind it are still to come.
      if (records === 0) return total;
    }
  }

  /**
   * The next poll comes at once while the stream had records (a page of other items is no sign of being
   * caught up: the backlog behind it would otherwise drain at one page per idle interval), after the idle
   * interval once it is caught up, and after a second on an error.
   */
  #schedule(delayMs: number): void {
    if (!this.#running) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      void this.#pollExclusive()
        .then(({ records }) => this.#schedule(records > 0 ? 0 : (this.#options.pollIntervalMs ?? 50)))
        .catch(() => this.#schedule(1000));
    }, delayMs);
    this.#timer.unref();
  }

  /** One poll at a time: the timer's and drain()'s polls take turns. */
  async #pollExclusive(): Promise<PollResult> {
    while (this.#polling) await this.#polling.catch(() => 0);
    const polling = this.#poll().finally(() => {
      if (this.#polling === polling) this.#polling = undefined;
    });
    this.#polling = polling;
    return polling;
  }

  async #poll(): Promise<PollResult> {
    try {
      // The shards must be known on the first poll and after one closed. The periodic refresh is a safety
      // net and runs beside the reads: its DescribeStream took 75 ms (median; up to 300) on a loaded
      // machine, and the events waiting in the known shards would wait for it every SHARD_REFRESH_MS.
      const mustKnowShards = this.#shards.size === 0 || this.#shardsReadAt === Number.NEGATIVE_INFINITY;
      const discovery = this.#discoverShards();
      discovery.catch(() => undefined); // awaited below; this only marks a rejection as handled meanwhile
      if (mustKnowShards) await discovery;
      const result: PollResult = { records: 0, published: 0 };
      let closedOne = false;
      for (const [shardId, state] of this.#shards) {
        if (state.closed) continue;
        const read = await this.#readShard(shardId, state);
        result.records += read.records;
        result.published += read.published;
        if (state.closed) closedOne = true;
      }
      await discovery;
      // A closed shard has children to read from: list them on the next poll (after the refresh above,
      // which may have listed the shards before the child existed).
      if (closedOne) this.#shardsReadAt = Number.NEGATIVE_INFINITY;
      if (result.records > 0) await this.#saveCheckpoint();
      this.#lastError = undefined;
      return result;
    } catch (error) {
      await this.#saveCheckpoint().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      if (message !== this.#lastError) this.#options.log?.(`outbox-relay: ${message}`);
      this.#lastError = message;
      throw error;
    }
  }

  /** Lists the stream's shards when first polled, after a shard closed, and every SHARD_REFRESH_MS. */
  async #discoverShards(): Promise<void> {
    if (performance.now() - this.#shardsReadAt < SHARD_REFRESH_MS) return;
    if (!this.#streamArn) {
      const table = await this.#dynamodb.send(
        new DescribeTableCommand({ TableName: this.#options.tableName }),
      );
      this.#streamArn = table.Table?.LatestStreamArn;
      if (!this.#streamArn) throw new Error(`Table ${this.#options.tableName} has no stream`);
    }
    const description = await this.#streams.send(new DescribeStreamCommand({ StreamArn: this.#streamArn }));
    for (const shard of description.StreamDescription?.Shards ?? []) {
      if (shard.ShardId && !this.#shards.has(shard.ShardId)) this.#shards.set(shard.ShardId, {});
    }
    this.#shardsReadAt = performance.now();
  }

  async #readShard(shardId: string, state: ShardState): Promise<PollResult> {
    if (!state.iterator) {
      const iterator = await this.#streams.send(
        new GetShardIteratorCommand({
          StreamArn: this.#streamArn,
          ShardId: shardId,
          ...(state.lastSequence
            ? { ShardIteratorType: 'AFTER_SEQUENCE_NUMBER', SequenceNumber: state.lastSequence }
            : { ShardIteratorType: 'TRIM_HORIZON' }),
        }),
      );
      state.iterator = iterator.ShardIterator;
      if (!state.iterator) {
        state.closed = true;
        return { records: 0, published: 0 };
      }
    }
    let page: GetRecordsCommandOutput;
    try {
      page = await this.#streams.send(new GetRecordsCommand({ ShardIterator: state.iterator, Limit: 100 }));
    } catch (error) {
      if (error instanceof ExpiredIteratorException || error instanceof TrimmedDataAccessException) {
        state.iterator = undefined;
        return { records: 0, published: 0 };
      }
      throw error;
    }
    const records = page.Records ?? [];
    let published: number;
    try {
      published = await this.#publish(records, state);
    } catch (error) {
      // Resume after the last record the bus accepted, not from this page's start.
      state.iterator = undefined;
      throw error;
    }
    state.iterator = page.NextShardIterator;
    if (!state.iterator) state.closed = true;
    return { records: records.length, published };
  }

  async #publish(records: StreamRecord[], state: ShardState): Promise<number> {
    let count = 0;
    for (const streamed of records) {
      const record = withEmptyMapsTyped(streamed);
      const sequence = record.dynamodb?.SequenceNumber;
      if (isOutboxRecord(record)) {
        const entry = this.#entryOf(record);
        const result = await this.#events.send(new PutEventsCommand({ Entries: [entry] }));
        if ((result.FailedEntryCount ?? 0) > 0) {
          const failure = result.Entries?.[0];
          throw new Error(`PutEvents refused an event: ${failure?.ErrorCode} ${failure?.ErrorMessage}`);
        }
        count += 1;
        this.#published += 1;
      }
      if (sequence) state.lastSequence = sequence;
    }
    return count;
  }

  #entryOf(record: StreamRecord): PutEventsRequestEntry {
    const { detail, detailType, entry } = outboxEvent(record);
    const violation = this.#options.check?.(detail, detailType);
    if (violation) {
      this.#violations.push(violation);
      this.#options.log?.(`outbox-relay: event catalogue violation: ${violation}`);
    }
    return entry;
  }

  async #loadCheckpoint(): Promise<void> {
    const checkpoint = readCheckpoint(this.#options.checkpointFile);
    if (!checkpoint) return;
    const table = await this.#dynamodb.send(new DescribeTableCommand({ TableName: this.#options.tableName }));
    // A new table (the data directory was wiped) has a new stream: the old positions mean nothing there.
    if (table.Table?.LatestStreamArn !== checkpoint.streamArn) return;
    this.#streamArn = checkpoint.streamArn;
    for (const [shardId, shard] of Object.entries(checkpoint.shards)) this.#shards.set(shardId, { ...shard });
  }

  async #saveCheckpoint(): Promise<void> {
    const file = this.#options.checkpointFile;
    if (!file || !this.#streamArn) return;
    await writeCheckpoint(file, this.#streamArn, this.#shards);
  }
}
