import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunningEmulator } from '#infra/local/emulators/emulator';
import type { Emulators } from '#infra/local/emulators/index';
import type { LocalRoute } from '#infra/local/gateway';
import type { LogCapture } from '#infra/local/log-capture';
import type { OutboxRelay } from '#infra/local/outbox-relay';
import { errorAnswer, type Readiness, STARTING_RETRY_AFTER_SECONDS } from '#infra/local/readiness';
import type { JobRunner } from '#infra/local/scheduler';
import { SECURITY_HEADERS } from '#shared/http/security-headers';

/** A JSON answer with the security headers every answer carries. */
export function json(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

/**
 * Routes that exist only on the local platform: health of every component, and the mail SES captured.
 * `GET /health` means ready: 200 `{status: "ok", components}` once every component answers and
 * provisioning has finished (`readiness`); otherwise 503 in the error format, naming what is not ready in
 * `error.message`, with `status` (`starting` or `degraded`) and `components` beside it.
 */
export function localRoutes(
  emulators: Emulators,
  apiGateway: RunningEmulator,
  readiness: Readiness,
  logs?: LogCapture,
  events?: EventPipeline,
  jobs?: { names: readonly string[]; run: JobRunner },
): Record<string, LocalRoute> {
  return {
    ...(events ? eventRoutes(emulators, events) : {}),
    ...(jobs ? jobRoutes(jobs.names, jobs.run) : {}),
    ...(logs
      ? {
          'GET /_local/logs': async (_request: IncomingMessage, response: ServerResponse) =>
            json(response, 200, { lines: logs.lines() }),
        }
      : {}),
    'GET /health': async (_request, response) => {
      const components: Record<string, { ok: boolean; pending?: string[] }> = {
        gateway: { ok: true },
        ...(await emulators.health()),
        apiGateway: await apiGateway.health(),
        provisioning: readiness.ready ? { ok: true } : { ok: false, pending: readiness.pending },
      };
      const notReady = Object.entries(components)
        .filter(([, component]) => !component.ok)
        .map(([name, component]) =>
          component.pending ? `${name} (${component.pending.join(', ')} pending)` : `${name} is down`,
        );
      if (notReady.length === 0) return json(response, 200, { status: 'ok', components });
      errorAnswer(
        response,
        503,
        { type: 'api_error', message: `Not ready: ${notReady.join('; ')}` },
        { 'Retry-After': String(STARTING_RETRY_AFTER_SECONDS) },
        { status: readiness.ready ? 'degraded' : 'starting', components },
      );
    },
    'GET /_local/mail': async (_request, response) => {
      const store = await fetch(`${emulators.endpoints.ses}/store`);
      const body = (await store.json()) as { emails?: unknown[] };
      json(response, 200, { emails: body.emails ?? [] });
    },
  };
}

/**
 * The local event pipeline: the outbox relay, and what commits events to the outbox off a request's path
 * (the log subscriptions: the site's page views, the API usage's quota warnings): settling waits for those first.
 */
export interface EventPipeline {
  relay: OutboxRelay;
  sources: readonly { settle(): Promise<void> }[];
}

/**
 * The event pipeline's controls: its state, waiting until every committed event has been published and
 * consumed (tests), and stopping or starting the relay (fault injection: the pipe being down).
 */
function eventRoutes(emulators: Emulators, { relay, sources }: EventPipeline): Record<string, LocalRoute> {
  const bus = emulators.eventBus;
  const state = () => ({
    relay: relay.status(),
    bus: { available: bus.available, rules: bus.rules().map((rule) => rule.name) },
    violations: relay.violations,
    failures: bus.failures.map((failure) => ({
      rule: failure.rule,
      event_id: (failure.event.detail as { id?: string }).id ?? failure.event.id,
      type: failure.event['detail-type'],
      error: failure.error instanceof Error ? failure.error.message : String(failure.error),
      failed_at: failure.failedAt,
    })),
  });
  return {
    'GET /_local/events': async (_request, response) => json(response, 200, state()),
    'POST /_local/events/settle': async (_request, response) => {
      // Test files run side by side, and one may be simulating an outage: wait for it to end, then
      // settle until a round publishes nothing (consumers write events of their own: deliveries, notices).
      // Lines already handed to a log subscription are committed to the outbox first.
      for (const source of sources) await source.settle();
      const deadline = Date.now() + 120_000;
      let published = 0;
      for (;;) {
        if (Date.now() > deadline)
          return errorAnswer(
            response,
            409,
            { type: 'conflict', message: 'The outbox relay or the bus stayed stopped' },
            {},
            state(),
          );
        if (!relay.running || !bus.available) {
          await new Promise((resolve) => setTimeout(resolve, 100));
          continue;
        }
        try {
          const round = await relay.drain();
          await bus.settled();
          published += round;
          if (round === 0) break;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
      json(response, 200, { published, ...state() });
    },
    'POST /_local/relay/stop': async (_request, response) => {
      await relay.stop();
      json(response, 200, state());
    },
    'POST /_local/relay/start': async (_request, response) => {
      await relay.start();
      json(response, 200, state());
    },
    'POST /_local/bus/stop': async (_request, response) => {
      bus.setAvailable(false);
      json(response, 200, state());
    },
    'POST /_local/bus/start': async (_request, response) => {
      bus.setAvailable(true);
      json(response, 200, state());
    },
  };
}

/**
 * `POST /_local/jobs/{name}?now=<ISO instant>`: runs a scheduled job once, now or at the injected instant
 * (tests move the job's clock, not the machine's), and answers with the job's summary.
 */
function jobRoutes(names: readonly string[], run: JobRunner): Record<string, LocalRoute> {
  return Object.fromEntries(
    names.map((name): [string, LocalRoute] => [
      `POST /_local/jobs/${name}`,
      async (request, response) => {
        const at = new URL(request.url ?? '/', 'http://local').searchParams.get('now');
        const now = at === null ? undefined : new Date(at);
        if (now && Number.isNaN(now.getTime()))
          return errorAnswer(response, 400, {
            type: 'validation_error',
            message: `now is not an ISO 8601 instant: ${at}`,
            param: 'now',
          });
        try {
          json(response, 200, await run(name, now));
        } catch (error) {
          errorAnswer(response, 500, {
            type: 'api_error',
            message: `Job ${name} failed: ${(error as Error).message}`,
          });
        }
      },
    ]),
  );
}
