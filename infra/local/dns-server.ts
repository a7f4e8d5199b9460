import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import dns2 from 'dns2';
import type { LocalRoute } from '#infra/local/gateway';
import { SECURITY_HEADERS } from '#shared/http/security-headers';

const { Packet } = dns2;
const NXDOMAIN = 3;
const MAX_BODY_BYTES = 64 * 1024;

/**
 * The local platform's DNS server (UDP, on a free loopback port): authoritative for the TXT records
 * published to it and nothing else, so the domain verification job's real resolver (node:dns, pointed at
 * it through `TC_DNS_SERVERS`) finds what a test published, as it finds a customer's record in AWS.
 */
export interface LocalDnsServer {
  /** `127.0.0.1:<port>`, as `Resolver.setServers` takes it. */
  address: string;
  /** Replaces the TXT records at a name; an empty list removes them. */
  publishTxt(name: string, values: readonly string[]): void;
  close(): Promise<void>;
}

const canonical = (name: string) => name.trim().toLowerCase().replace(/\.$/, '');

export async function startDnsServer(): Promise<LocalDnsServer> {
  const zone = new Map<string, string[]>();
  const server = dns2.createUDPServer((request, send) => {
    // @types/dns2 leaves out the header's rcode and the question's type, which the packets carry.
    const response = Packet.createResponseFromRequest(request) as ReturnType<
      typeof Packet.createResponseFromRequest
    > & { header: { rcode: number } };
    const [question] = request.questions as { name: string; type?: number }[];
    const values = question ? zone.get(canonical(question.name)) : undefined;
    if (!question || !values) {
      response.header.rcode = NXDOMAIN;
    } else if (question.type === Packet.TYPE.TXT || question.type === Packet.TYPE.ANY) {
      for (const value of values)
        response.answers.push({
          name: question.name,
          type: Packet.TYPE.TXT,
          class: Packet.CLASS.IN,
          ttl: 1,
          data: value,
        });
    }
    void send(response);
  });
  await server.listen(0, '127.0.0.1');
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    publishTxt(name, published) {
      if (published.length === 0) zone.delete(canonical(name));
      else zone.set(canonical(name), [...published]);
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function answer(response: ServerResponse, status: number, body?: unknown): void {
  response.statusCode = status;
  for (const [name, value] of Object.entries(SECURITY_HEADERS)) response.setHeader(name, value);
  if (body === undefined) {
    response.end();
    return;
  }
  response.setHeader('Content-Type', 'application/json; charset=utf-8');
  response.end(JSON.stringify(body));
}

async function jsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return undefined;
  }
}

/**
 * `PUT /_local/dns/txt {"name": "_domain-verification.trust.acme.com", "values": ["…"]}` publishes TXT
 * records on the local DNS server (an empty list removes them): what a customer does at their DNS host.
 */
export function dnsRoutes(dns: LocalDnsServer): Record<string, LocalRoute> {
  return {
    'PUT /_local/dns/txt': async (request, response) => {
      const body = (await jsonBody(request)) as { name?: unknown; values?: unknown } | undefined;
      const valid =
        typeof body?.name === 'string' &&
        body.name.length > 0 &&
        Array.isArray(body.values) &&
        body.values.every((value) => typeof value === 'string' && Buffer.byteLength(value) <= 255);
      if (!valid || typeof body?.name !== 'string') {
        return answer(response, 400, {
          error: {
            type: 'validation_error',
            message: 'Send {"name": "<host>", "values": ["<text of at most 255 bytes>", …]}',
            param: 'body',
          },
        });
      }
      dns.publishTxt(body.name, body.values as string[]);
      answer(response, 204);
    },
  };
}
