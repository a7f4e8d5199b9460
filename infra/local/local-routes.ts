import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RunningEmulator } from '#infra/local/emulators/emulator';
import type { Emulators } from '#infra/local/emulators/index';
import type { LocalRoute } from '#infra/local/gateway';
import type { LogCapture } from '#infra/local/log-capture';

function json(response: ServerResponse, status: number, body: unknown): void {
  response.statusCode = status;
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

/** Routes that exist only on the local platform: health of every component, and the mail SES captured. */
export function localRoutes(
  emulators: Emulators,
  apiGateway: RunningEmulator,
  logs?: LogCapture,
): Record<string, LocalRoute> {
  return {
    ...(logs
      ? {
          'GET /_local/logs': async (_request: IncomingMessage, response: ServerResponse) =>
            json(response, 200, { lines: logs.lines() }),
        }
      : {}),
    'GET /health': async (_request, response) => {
      const components = {
        gateway: { ok: true },
        ...(await emulators.health()),
        apiGateway: await apiGateway.health(),
      };
      const ok = Object.values(components).every((component) => component.ok);
      json(response, ok ? 200 : 503, { status: ok ? 'ok' : 'degraded', components });
    },
    'GET /_local/mail': async (_request, response) => {
      const store = await fetch(`${emulators.endpoints.ses}/store`);
      const body = (await store.json()) as { emails?: unknown[] };
      json(response, 200, { emails: body.emails ?? [] });
    },
  };
}
