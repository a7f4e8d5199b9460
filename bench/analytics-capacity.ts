/**
 * `npm run bench:analytics`: what DynamoDB capacity a page view costs, end to end: its recording (the day's
 * salt, the outbox item the page-views log subscription writes) and the analytics consumer's folding (its markers and counters), from
 * `ReturnConsumedCapacity` on every call that names the demo tenant or the salt (a bench-only SDK
 * middleware, as bench/capacity.ts). Writes bench/results/analytics-capacity.json and prints the figures.
 */
import { writeFile } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import { resolve } from 'node:path';
import type { ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { ON_DEMAND_PRICES } from './capacity.ts';

const VISITORS = 20;
const PAGES_PER_VISITOR = 5;
const PAGES = ['/en', '/en/documents', '/en/faq', '/en/request', '/en/subprocessors'];
const READS = /^(Get|BatchGet|TransactGet|Query|Scan)/;

function get(url: string, path: string, userAgent: string): Promise<number> {
  const base = new URL(url);
  return new Promise((done, fail) => {
    const outgoing = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        path,
        headers: { 'User-Agent': userAgent, Host: `localhost:${base.port}` },
      },
      (response) => {
        response.resume();
        response.on('end', () => done(response.statusCode ?? 0));
      },
    );
    outgoing.on('error', fail);
    outgoing.end();
  });
}

async function main(): Promise<void> {
  const { startPlatform } = await import('#infra/local/platform');
  const platform = await startPlatform({ port: 0, dataDir: undefined, accessLog: () => {} });
  try {
    const { dynamo } = await import('#shared/aws/dynamodb');
    const { tenantId } = platform.demo;
    const used = { rcu: 0, wcu: 0, transactionWcu: 0, calls: {} as Record<string, number> };
    let recording = false;
    dynamo().middlewareStack.add(
      (next, context) => async (args) => {
        const input = JSON.stringify(args.input);
        // Only what analytics adds to a page view: the visit's outbox item, the salt, the consumer's run
        // marker (`analytics-counters#…`) and its markers and counters (`<tenant>#analytics…`); not the
        // page's own reads (brand, content), which it costs with or without analytics.
        const ours =
          input.includes('visit.') || input.includes('visitor-salt') || input.includes('analytics');
        if (!recording || !input.includes(tenantId) || !ours) return next(args);
        (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = 'TOTAL';
        const result = await next(args);
        const command = context.commandName ?? 'unknown';
        used.calls[command] = (used.calls[command] ?? 0) + 1;
        const consumed = (result.output as { ConsumedCapacity?: ConsumedCapacity | ConsumedCapacity[] })
          .ConsumedCapacity;
        for (const capacity of [consumed ?? []].flat()) {
          if (READS.test(command)) used.rcu += capacity.CapacityUnits ?? 0;
          else used.wcu += capacity.CapacityUnits ?? 0;
          if (command.startsWith('TransactWrite')) used.transactionWcu += capacity.CapacityUnits ?? 0;
        }
        return result;
      },
      { step: 'initialize', name: 'benchAnalyticsCapacity' },
    );
    // Warm: the salt of the day and the plan cache exist before the measured views, as on any busy day.
    await get(platform.url, '/en', 'Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 warm-up');
    await fetch(`${platform.url}/_local/events/settle`, { method: 'POST' });
    recording = true;
    for (let visitor = 0; visitor < VISITORS; visitor += 1) {
      for (const page of PAGES.slice(0, PAGES_PER_VISITOR)) {
        const status = await get(
          platform.url,
          page,
          `Mozilla/5.0 (X11; Linux x86_64) Firefox/133.0 v${visitor}`,
        );
        if (status !== 200) throw new Error(`${page} answered ${status}`);
      }
    }
    await fetch(`${platform.url}/_local/events/settle`, { method: 'POST' });
    recording = false;
    const views = VISITORS * PAGES_PER_VISITOR;
    // DynamoDB Local reports a transaction's items at one unit per KB, as plain writes; AWS bills
    // transactional writes twice (two write request units per KB), so they count twice here.
    const billedWcu = used.wcu + used.transactionWcu;
    const perThousand = {
      rcu: (used.rcu / views) * 1000,
      wcu: (billedWcu / views) * 1000,
    };
    const results = {
      prices: ON_DEMAND_PRICES,
      page_views: views,
      visitors: VISITORS,
      calls: used.calls,
      reported_by_dynamodb_local: {
        rcu: used.rcu,
        wcu: used.wcu,
        of_which_transactional_wcu: used.transactionWcu,
      },
      per_page_view: { rcu: used.rcu / views, billed_wcu: billedWcu / views },
      per_thousand_page_views: {
        ...perThousand,
        usd:
          (perThousand.rcu * ON_DEMAND_PRICES.usdPerMillionReadRequestUnits +
            perThousand.wcu * ON_DEMAND_PRICES.usdPerMillionWriteRequestUnits) /
          1_000_000,
      },
      notes: [
        `${VISITORS} visitors viewing ${PAGES_PER_VISITOR} pages each (a new visitor every ${PAGES_PER_VISITOR} views), the day's salt and the plan already cached.`,
        'Counted: the outbox item (written off the request path from the site’s log line, 25 per BatchWriteItem; not the page’s own reads), the consumer run marker (read and write), the transactions of event marker + counters and of visitor marker + count.',
        'Not counted: reading the stream (the pipe), storage (about 0.3 KB per counter item and per day), the first view of the day in each container (one salt read), and the log line’s CloudWatch Logs ingestion (400 B a view).',
      ],
    };
    const file = resolve(import.meta.dirname, 'results/analytics-capacity.json');
    await writeFile(file, `${JSON.stringify(results, null, 2)}\n`);
    console.log(JSON.stringify(results, null, 2));
  } finally {
    await platform.stop();
  }
}

await main();
