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
  small: { items: number; latency: LatencyStats; control: LatencyStats; rawQuery: LatencyStats };
  grown: {
    items: number;
    neighbourItems: number;
    latency: LatencyStats;
    control: LatencyStats;
    rawQuery: LatencyStats;
  };
  /** p50 with the grown tenant (and its neighbour) over p50 with the small one: flat when ≈ 1. */
  p50Ratio: number | null;
  /**
   * p50 of the grown tenant over p50 of a control tenant that keeps `smallTenantItems` accounts, their
   * requests interleaved: the tenant's size alone, without the machine's drift between the two rounds
   * (which p50Ratio includes). The same ratio in the first round (both small) shows the method's noise.
   */
  controlP50Ratio: { small: number | null; grown: number | null };
  /**
   * The same ratio as p50Ratio for the Query alone, sent straight to DynamoDB Local (Limit 20, newest
   * first) interleaved with the API's requests: what the emulator itself contributes to p50Ratio.
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
 *
 * In each round the tenant's requests alternate with a control tenant's (always `smallTenantItems`
 * accounts) and with the raw Query, so that a change of the machine's load between the rounds (other
 * work, the JVM and Node collecting the seeding's garbage) shows in `controlP50Ratio`.
 */
export async function measureListScaling(options: {
  url: string;
  table: { endpoint: string; region: string; name: string };
  tenant: TenantCaller;
  neighbour: TenantCaller;
  control: TenantCaller;
  settings: ListScalingSettings;
  progress: (line: string) => void;
}): Promise<ListScalingResults> {
  const { url, tenant, neighbour, control, settings, progress } = options;
  const client = new DynamoDBClient({ region: options.table.region, endpoint: options.table.endpoint });
  try {
    const template = await accountTemplate(url, tenant, client, options.table.name);
    const seed = new Seeder(client, options.table.name, template, settings.seedParallelism);

    await seed.accounts(tenant.tenantId, settings.smallTenantItems - 1);
    await seed.accounts(control.tenantId, settings.smallTenantItems);
    const round = () => measureRound(url, tenant, control, client, options.table.name, settings);
    progress(`list scaling: ${settings.smallTenantItems} accounts, ${settings.requests} requests`);
    const small = await round();

    const growBy = settings.grownTenantItems - settings.smallTenantItems;
    progress(
      `list scaling: seeding ${growBy} + ${settings.neighbourItems} accounts (BatchWriteItem, ${settings.seedParallelism} in flight)`,
    );
    const started = performance.now();
    await seed.accounts(tenant.tenantId, growBy, progress);
    await seed.accounts(neighbour.tenantId, settings.neighbourItems, progress);
    const seconds = (performance.now() - started) / 1000;
    progress(`list scaling: ${settings.grownTenantItems} accounts, ${settings.requests} requests`);
    const grown = await round();

    const items = growBy + settings.neighbourItems;
    return {
      request: 'GET /api/v1/accounts?limit=20',
      small: { items: settings.smallTenantItems, ...small },
      grown: { items: settings.grownTenantItems, neighbourItems: settings.neighbourItems, ...grown },
      p50Ratio: ratio(grown.latency.p50, small.latency.p50),
      controlP50Ratio: {
        small: ratio(small.latency.p50, small.control.p50),
        grown: ratio(grown.latency.p50, grown.control.p50),
      },
      rawQueryP50Ratio: ratio(grown.rawQuery.p50, small.rawQuery.p50),
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

/**
 * One round: the tenant's list and the control tenant's list (which goes first alternates: the first of
 * two back-to-back requests is measured a few percent slower), then the raw Query, repeated.
 */
async function measureRound(
  url: string,
  tenant: TenantCaller,
  control: TenantCaller,
  client: DynamoDBClient,
  tableName: string,
  settings: ListScalingSettings,
) {
  const samples = { latency: [] as number[], control: [] as number[], rawQuery: [] as number[] };
  for (let index = 0; index < settings.warmupRequests + settings.requests; index += 1) {
    const measured = index >= settings.warmupRequests;
    const tenantFirst = index % 2 === 0;
    const firstMs = await listOnce(url, tenantFirst ? tenant : control);
    const secondMs = await listOnce(url, tenantFirst ? control : tenant);
    const [tenantMs, controlMs] = tenantFirst ? [firstMs, secondMs] : [secondMs, firstMs];
    const rawMs = await rawQueryOnce(client, tableName, tenant.tenantId);
    if (!measured) continue;
    samples.latency.push(tenantMs);
    samples.control.push(controlMs);
    samples.rawQuery.push(rawMs);
  }
  return {
    latency: summarize(samples.latency),
    control: summarize(samples.control),
    rawQuery: summarize(samples.rawQuery),
  };
}

/** ms until the whole answer of `GET /accounts?limit=20` is read. */
async function listOnce(url: string, tenant: TenantCaller): Promise<number> {
  const started = performance.now();
  const response = await fetch(`${url}/api/v1/accounts?limit=20`, {
    headers: { Authorization: `Bearer ${tenant.credential}` },
  });
  await response.arrayBuffer();
  const elapsed = performance.now() - started;
  if (response.status !== 200) throw new Error(`GET /accounts answered ${response.status}`);
  return elapsed;
}

/** ms of the list's Query sent straight to DynamoDB Local. */
async function rawQueryOnce(client: DynamoDBClient, tableName: string, tenantId: string): Promise<number> {
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
  return performance.now() - started;
}
