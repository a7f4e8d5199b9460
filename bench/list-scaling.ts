import {
  type AttributeValue,
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { ulid } from 'ulid';
import { type LatencyStats, ratio, summarize } from './stats.ts';

export interface ListScalingSettings {
  /** Accounts of the measured tenant in the first round, and after it grows. */
  smallTenantItems: number;
  grownTenantItems: number;
  /** Accounts of another tenant in the same table during the second round. */
  neighbourItems: number;
  requests: number;
  warmupRequests: number;
  /** BatchWriteItem calls in flight while seeding. */
  seedParallelism: number;
}

export interface ListScalingResults {
  request: string;
  small: { items: number; latency: LatencyStats; rawQuery: LatencyStats };
  grown: { items: number; neighbourItems: number; latency: LatencyStats; rawQuery: LatencyStats };
  /** p50 with the grown tenant (and its neighbour) over p50 with the small one: flat when ≈ 1. */
  p50Ratio: number | null;
  /**
   * The same ratio for the Query alone, sent straight to DynamoDB Local (Limit 20, newest first): what
   * the emulator itself contributes to p50Ratio.
   */
  rawQueryP50Ratio: number | null;
  seeding: { items: number; seconds: number; itemsPerSecond: number };
}

export interface TenantCaller {
  tenantId: string;
  credential: string;
}

/**
 * `GET /accounts?limit=20` for a tenant with few accounts, then for the same tenant grown a thousandfold
 * while another tenant holds more still: a list is a Query on the tenant's partition, so its latency
 * must not grow with the table. Accounts beyond the first are written straight to DynamoDB Local with
 * BatchWriteItem (copies of one account the API created, with new ids), many batches in flight.
 */
export async function measureListScaling(options: {
  url: string;
  table: { endpoint: string; region: string; name: string };
  tenant: TenantCaller;
  neighbour: TenantCaller;
  settings: ListScalingSettings;
  progress: (line: string) => void;
}): Promise<ListScalingResults> {
  const { url, tenant, neighbour, settings, progress } = options;
  const client = new DynamoDBClient({ region: options.table.region, endpoint: options.table.endpoint });
  try {
    const template = await accountTemplate(url, tenant, client, options.table.name);
    const seed = new Seeder(client, options.table.name, template, settings.seedParallelism);

    await seed.accounts(tenant.tenantId, settings.smallTenantItems - 1);
    progress(`list scaling: ${settings.smallTenantItems} accounts, ${settings.requests} requests`);
    const small = await listLatency(url, tenant, settings);
    const smallRaw = await rawQueryLatency(client, options.table.name, tenant.tenantId, settings);

    const growBy = settings.grownTenantItems - settings.smallTenantItems;
    progress(
      `list scaling: seeding ${growBy} + ${settings.neighbourItems} accounts (BatchWriteItem, ${settings.seedParallelism} in flight)`,
    );
    const started = performance.now();
    await seed.accounts(tenant.tenantId, growBy, progress);
    await seed.accounts(neighbour.tenantId, settings.neighbourItems, progress);
    const seconds = (performance.now() - started) / 1000;
    progress(`list scaling: ${settings.grownTenantItems} accounts, ${settings.requests} requests`);
    const grown = await listLatency(url, tenant, settings);
    const grownRaw = await rawQueryLatency(client, options.table.name, tenant.tenantId, settings);

    const items = growBy + settings.neighbourItems;
    return {
      request: 'GET /api/v1/accounts?limit=20',
      small: { items: settings.smallTenantItems, latency: small, rawQuery: smallRaw },
      grown: {
        items: settings.grownTenantItems,
        neighbourItems: settings.neighbourItems,
        latency: grown,
        rawQuery: grownRaw,
      },
      p50Ratio: ratio(grown.p50, small.p50),
      rawQueryP50Ratio: ratio(grownRaw.p50, smallRaw.p50),
      seeding: { items, seconds, itemsPerSecond: items / seconds },
    };
  } finally {
    client.destroy();
  }
}

/** The stored item of an account the API created: what every seeded copy is made from. */
async function accountTemplate(
  url: string,
  tenant: TenantCaller,
  client: DynamoDBClient,
  tableName: string,
): Promise<Record<string, AttributeValue>> {
  const response = await fetch(`${url}/api/v1/accounts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${tenant.credential}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      title: 'Scaling Customer',
      contacts: [{ email: 'ciso@example.com', first_name: 'Erika', last_name: 'Muster', title: 'CISO' }],
    }),
  });
  if (response.status !== 201) throw new Error(`POST /accounts answered ${response.status}`);
  const { id } = (await response.json()) as { id: string };
  const { Item } = await client.send(
    new GetItemCommand({
      TableName: tableName,
      Key: { pk: { S: `${tenant.tenantId}#account` }, sk: { S: id } },
    }),
  );
  if (!Item) throw new Error(`The account ${id} is not stored under ${tenant.tenantId}#account`);
  const shape = unmarshall(Item);
  if (shape.accountId !== id || shape.tenantId !== tenant.tenantId)
    throw new Error(
      'The stored account no longer has the shape the bench copies (tenantId, accountId, pk, sk)',
    );
  return Item;
}

class Seeder {
  constructor(
    readonly client: DynamoDBClient,
    readonly tableName: string,
    readonly template: Record<string, AttributeValue>,
    readonly parallelism: number,
  ) {}

  /** Writes `count` copies of the template into the tenant's account partition. */
  async accounts(tenantId: string, count: number, progress?: (line: string) => void): Promise<void> {
    let next = 0;
    let written = 0;
    let reported = 0;
    const item = (): Record<string, AttributeValue> => {
      const accountId = `acc_${ulid()}`;
      next += 1;
      return {
        ...this.template,
        pk: { S: `${tenantId}#account` },
        sk: { S: accountId },
        tenantId: { S: tenantId },
        accountId: { S: accountId },
        title: { S: `Seeded Customer ${next}` },
      };
    };
    const worker = async () => {
      while (next < count) {
        let requests: WriteRequest[] = Array.from({ length: Math.min(25, count - next) }, () => ({
          PutRequest: { Item: item() },
        }));
        while (requests.length > 0) {
          const { UnprocessedItems } = await this.client.send(
            new BatchWriteItemCommand({ RequestItems: { [this.tableName]: requests } }),
          );
          const left = UnprocessedItems?.[this.tableName] ?? [];
          written += requests.length - left.length;
          requests = left;
        }
        if (progress && written - reported >= 100_000) {
          reported = written;
          progress(`list scaling: ${written}/${count} accounts written for ${tenantId}`);
        }
      }
    };
    await Promise.all(Array.from({ length: this.parallelism }, worker));
  }
}

async function listLatency(url: string, tenant: TenantCaller, settings: ListScalingSettings) {
  const samples: number[] = [];
  for (let index = 0; index < settings.warmupRequests + settings.requests; index += 1) {
    const started = performance.now();
    const response = await fetch(`${url}/api/v1/accounts?limit=20`, {
      headers: { Authorization: `Bearer ${tenant.credential}` },
    });
    await response.arrayBuffer();
    const elapsed = performance.now() - started;
    if (response.status !== 200) throw new Error(`GET /accounts answered ${response.status}`);
    if (index >= settings.warmupRequests) samples.push(elapsed);
  }
  return summarize(samples);
}

async function rawQueryLatency(
  client: DynamoDBClient,
  tableName: string,
  tenantId: string,
  settings: ListScalingSettings,
) {
  const samples: number[] = [];
  for (let index = 0; index < settings.warmupRequests + settings.requests; index += 1) {
    const started = performance.now();
    await client.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: `${tenantId}#account` } },
        ScanIndexForward: false,
        Limit: 20,
      }),
    );
    if (index >= settings.warmupRequests) samples.push(performance.now() - started);
  }
  return summarize(samples);
}
