import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LocalEventBus } from './bus.ts';
import { type EventOrigin, PutEventsRequestError, putEvents } from './put-events.ts';

export interface EventBusServer {
  /** Base URL for `new EventBridgeClient({ endpoint })`. */
  endpoint: string;
  stop(): Promise<void>;
}

const maxBodyBytes = 1024 * 1024;

/**
 * Serves the bus over EventBridge's wire protocol (AWS JSON 1.1), so the real
 * `@aws-sdk/client-eventbridge` works against it with only `endpoint` changed.
 * Speaks PutEvents, and ListRules for health probes.
 */
export async function startEventBusServer(bus: LocalEventBus, origin: EventOrigin): Promise<EventBusServer> {
  const server = createServer((request, response) => {
    void answer(bus, origin, request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

async function answer(
  bus: LocalEventBus,
  origin: EventOrigin,
  request: IncomingMessage,
  response: ServerResponse,
) {
  try {
    const target = request.headers['x-amz-target'];
    if (request.method !== 'POST' || typeof target !== 'string') {
      throw new PutEventsRequestError(
        'UnknownOperationException',
        'Expected a POST with an X-Amz-Target header.',
      );
    }
    const body = parseBody(await readBody(request));
    switch (target) {
      case 'AWSEvents.PutEvents':
        if (!bus.available) {
          return send(response, 503, {
            __type: 'ServiceUnavailableException',
            message: 'The local event bus is stopped (fault injection).',
          });
        }
        return send(response, 200, putEvents(bus, body, origin));
      case 'AWSEvents.ListRules':
        return send(response, 200, { Rules: listRules(bus, origin) });
      default:
        throw new PutEventsRequestError(
          'UnknownOperationException',
          `${target} is not served by the local event bus.`,
        );
    }
  } catch (error) {
    if (error instanceof PutEventsRequestError) {
      return send(response, 400, { __type: error.type, message: error.message });
    }
    return send(response, 500, { __type: 'InternalException', message: String(error) });
  }
}

function listRules(bus: LocalEventBus, origin: EventOrigin) {
  return bus.rules().map((rule) => ({
    Name: rule.name,
    Arn: `arn:aws:events:${origin.region}:${origin.account}:rule/${bus.name}/${rule.name}`,
    EventPattern: JSON.stringify(rule.eventPattern),
    State: 'ENABLED',
    EventBusName: bus.name,
  }));
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > maxBodyBytes)
      throw new PutEventsRequestError('ValidationException', 'Request body is too large.');
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseBody(text: string): unknown {
  try {
    return text === '' ? {} : JSON.parse(text);
  } catch {
    throw new PutEventsRequestError('SerializationException', 'The request body is not valid JSON.');
  }
}

function send(response: ServerResponse, status: number, body: object): void {
  const payload = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/x-amz-json-1.1',
    'content-length': Buffer.byteLength(payload),
    'x-amzn-requestid': randomUUID(),
  });
  response.end(payload);
}
