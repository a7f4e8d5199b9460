import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { dynamo } from '#shared/aws/dynamodb';

/**
 * DynamoDB on-demand prices used for the monthly figures: us-east-1, Standard table class, per million
 * request units, as AWS lists them since its 50 % on-demand price cut of 1 November 2024. Check
 * https://aws.amazon.com/dynamodb/pricing/on-demand/ for your region and today's prices.
 */
export const ON_DEMAND_PRICES = {
  region: 'us-east-1',
  tableClass: 'Standard',
  effectiveSince: '2024-11-01',
  source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
  usdPerMillionReadRequestUnits: 0.125,
  usdPerMillionWriteRequestUnits: 0.625,
} as const;

export interface CapacityFigure {
  operation: string;
  request: string;
  /** Read request units the request consumed (sum over its DynamoDB calls). */
  rcu: number;
  /** Write request units (transactional writes count twice, as DynamoDB bills them). */
  wcu: number;
  /** The DynamoDB calls it made, by command. */
  calls: Record<string, number>;
  /** What one million of these requests cost a month in DynamoDB request units alone, in USD. */
  usdPerMillionRequests: number;
}

export interface CapacityResults {
  prices: typeof ON_DEMAND_PRICES;
  notes: string[];
  operations: CapacityFigure[];
}

interface Recording {
  rcu: number;
  wcu: number;
  calls: Record<string, number>;
}

const READS = /^(Get|BatchGet|TransactGet|Query|Scan)/;

/**
 * The request units of four typical requests, from `ReturnConsumedCapacity: INDEXES` on every DynamoDB
 * call the in-process services make while the request runs (a bench-only SDK middleware). The pipeline is
 * settled and the relay stopped meanwhile, so no consumer's calls are counted, and calls that do not name the tenant (the
 * scheduler's jobs) are left out; the authorizer uses a development credential
 * (no table read; in AWS an API key's lookup costs one more read per authorizer cache miss).
 */
export async function measureCapacity(
  url: string,
  tenantId: string,
  credential: string,
): Promise<CapacityResults> {
  let recording: Recording | undefined;
  dynamo().middlewareStack.add(
    (next, context) => async (args) => {
      // Only the request's own calls: every one names the tenant (the local scheduler's jobs, running
      // in the same process, read across tenants).
      if (!recording || !JSON.stringify(args.input).includes(tenantId)) return next(args);
      const input = args.input as { ReturnConsumedCapacity?: string };
      input.ReturnConsumedCapacity = 'INDEXES';
      const result = await next(args);
      const command = context.commandName ?? 'unknown';
      const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] })
        .ConsumedCapacity;
      recording.calls[command] = (recording.calls[command] ?? 0) + 1;
      for (const capacity of [consumed ?? []].flat()) {
        const read = capacity.ReadCapacityUnits;
        const write = capacity.WriteCapacityUnits;
        if (read !== undefined || write !== undefined) {
          recording.rcu += read ?? 0;
          recording.wcu += write ?? 0;
        } else if (READS.test(command)) recording.rcu += capacity.CapacityUnits ?? 0;
        else recording.wcu += capacity.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: 'initialize', name: 'benchConsumedCapacity' },
  );

  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(`${url}${path}`, {
      method,
      headers: { Authorization: `Bearer ${credential}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as { id: string };
  };
  const newAccount = () =>
    call('POST', '/api/v1/accounts', {
      title: 'Capacity Customer',
      contacts: [{ email: 'ciso@example.com', first_name: 'Erika', last_name: 'Muster', title: 'CISO' }],
    });
  const newDocument = () =>
    call('POST', '/api/v1/documents', { title: 'SOC 2 Type II Report', access_level: 'restricted' });

  const operations: [string, string, () => Promise<unknown>][] = [];
  const account = await newAccount();
  const [documentA, documentB] = [await newDocument(), await newDocument()];
  operations.push(
    ['get by id', 'GET /api/v1/accounts/{id}', () => call('GET', `/api/v1/accounts/${account.id}`)],
    ['list page', 'GET /api/v1/accounts?limit=20', () => call('GET', '/api/v1/accounts?limit=20')],
    ['create with its event', 'POST /api/v1/accounts', newAccount],
  );
  let shared = 0;
  operations.push([
    'share',
    'PATCH /api/v1/accounts/{id}/documents',
    () =>
      call('PATCH', `/api/v1/accounts/${account.id}/documents`, {
        document_ids: [[documentA, documentB][shared++ % 2]?.id],
        access_level: 'restricted',
      }),
  ]);

  // Let the consumers finish with the setup's events first (the documents' events rebuild the published
  // snapshot, seven Queries, a GetItem and a PutItem naming the tenant), then stop the relay.
  await fetch(`${url}/_local/events/settle`, { method: 'POST' });
  await fetch(`${url}/_local/relay/stop`, { method: 'POST' });
  try {
    const figures: CapacityFigure[] = [];
    for (const [operation, request, run] of operations) {
      await run(); // warm: caches, first-use code paths
      recording = { rcu: 0, wcu: 0, calls: {} };
      await run();
      const { rcu, wcu, calls } = recording;
      recording = undefined;
      figures.push({
        operation,
        request,
        rcu,
        wcu,
        calls,
        usdPerMillionRequests:
          rcu * ON_DEMAND_PRICES.usdPerMillionReadRequestUnits +
          wcu * ON_DEMAND_PRICES.usdPerMillionWriteRequestUnits,
      });
    }
    return {
      prices: ON_DEMAND_PRICES,
      notes: [
        'Request units as DynamoDB Local reports them (ReturnConsumedCapacity INDEXES); AWS bills the same units on demand.',
        'The create and the share are transactions (entity + outbox event): DynamoDB bills transactional writes twice.',
        "Excluded: the consumers' writes each event causes later (audit entry, markers), streams and storage.",
      ],
      operations: figures,
    };
  } finally {
    recording = undefined;
    await fetch(`${url}/_local/relay/start`, { method: 'POST' });
  }
}
