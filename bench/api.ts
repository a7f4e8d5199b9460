import type { LoadGenerator, LoadSpec } from './load-generator.ts';
import { type LatencyStats, summarize } from './stats.ts';

export type ScenarioName = 'getById' | 'list' | 'create';

export interface ApiRun {
  scenario: ScenarioName;
  request: string;
  connections: number;
  seconds: number;
  responses: number;
  requestsPerSecond: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCounts: Record<string, number>;
  latency: LatencyStats;
}

export interface ApiOptions {
  url: string;
  credential: string;
  accountId: string;
  connections: readonly number[];
  durationSeconds: number;
  warmupSeconds: number;
}

interface Scenario {
  name: ScenarioName;
  method: 'GET' | 'POST';
  path: string;
  body?: string;
}

function scenarios(accountId: string): Scenario[] {
  return [
    { name: 'getById', method: 'GET', path: `/api/v1/accounts/${accountId}` },
    { name: 'list', method: 'GET', path: '/api/v1/accounts?limit=20' },
    {
      name: 'create',
      method: 'POST',
      path: '/api/v1/accounts',
      // autocannon fills in `[<id>]` per request, so every account gets its own title.
      body: JSON.stringify({
        title: 'Bench Customer [<id>]',
        description: 'Created under load',
        contacts: [{ email: 'security@example.com', first_name: 'Max', last_name: 'Muster', title: 'CISO' }],
      }),
    },
  ];
}

/** Each scenario at each connection count, one after the other (creates last, so they don't change the lists). */
export async function measureApi(
  load: LoadGenerator,
  options: ApiOptions,
  progress: (line: string) => void,
): Promise<ApiRun[]> {
  const runs: ApiRun[] = [];
  for (const scenario of scenarios(options.accountId)) {
    for (const connections of options.connections) {
      const request = `${scenario.method} ${scenario.path}`;
      progress(`api: ${request} at ${connections} connection(s)`);
      const spec: LoadSpec = {
        url: `${options.url}${scenario.path}`,
        method: scenario.method,
        headers: {
          Authorization: `Bearer ${options.credential}`,
          ...(scenario.body === undefined ? {} : { 'Content-Type': 'application/json' }),
        },
        body: scenario.body,
        connections,
        durationSeconds: options.durationSeconds,
        warmupSeconds: options.warmupSeconds,
      };
      const result = await load.run(spec);
      runs.push({
        scenario: scenario.name,
        request,
        connections,
        seconds: result.durationSeconds,
        responses: result.responses,
        requestsPerSecond: result.responses / result.durationSeconds,
        non2xx: result.non2xx,
        errors: result.errors,
        timeouts: result.timeouts,
        statusCounts: result.statusCounts,
        latency: summarize(result.latenciesMs),
      });
    }
  }
  return runs;
}
