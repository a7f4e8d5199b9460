import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { MAX_URL_CHARACTERS } from '#infra/local/http-limits';
import { SECURITY_HEADERS } from '#shared/http/security-headers';
import { baseUrl } from '../support/api.ts';

/**
 * Requests Node's HTTP server (or API Gateway's limits) refuse before any route runs, sent on a raw
 * socket because no HTTP client will send them: every answer is in the error format.
 */
interface RawAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

const { hostname, port } = new URL(baseUrl);

/**
 * Parses the answers complete in `received`: each body ends at its `Content-Length`, or without one at the
 * connection's close (RFC 9112 section 6.3).
 */
function parseAnswers(received: Buffer, closed: boolean): RawAnswer[] {
  const answers: RawAnswer[] = [];
  let offset = 0;
  for (;;) {
    const end = received.indexOf('\r\n\r\n', offset);
    if (end === -1) return answers;
    const [statusLine = '', ...lines] = received.subarray(offset, end).toString('latin1').split('\r\n');
    const headers = Object.fromEntries(
      lines.map((line) => {
        const colon = line.indexOf(':');
        return [line.slice(0, colon).toLowerCase(), line.slice(colon + 1).trim()];
      }),
    );
    const declared = headers['content-length'];
    if (declared === undefined && !closed) return answers;
    const length = declared === undefined ? received.length - end - 4 : Number(declared);
    if (received.length < end + 4 + length) return answers;
    const body = received.subarray(end + 4, end + 4 + length).toString('utf8');
    answers.push({ status: Number(statusLine.split(' ')[1]), headers, body });
    offset = end + 4 + length;
  }
}

/** Sends bytes as they are and reads the first `count` answers on the connection. */
function exchange(raw: string, count = 1): Promise<RawAnswer[]> {
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(raw));
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`No complete answer within 10 s; got: ${received.toString('latin1')}`));
    }, 10_000);
    let closed = false;
    const settle = () => {
      const answers = parseAnswers(received, closed);
      if (answers.length < count) return false;
      clearTimeout(timer);
      socket.destroy();
      resolve(answers);
      return true;
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      settle();
    });
    socket.on('error', () => undefined); // the server may close while we still write
    socket.on('close', () => {
      closed = true;
      if (!settle()) {
        clearTimeout(timer);
        reject(
          new Error(`Closed without ${count} answer(s); got: ${JSON.stringify(received.toString('latin1'))}`),
        );
      }
    });
  });
}

function expectErrorFormat(answer: RawAnswer | undefined, status: number, type: string): void {
  if (!answer) throw new Error('No answer');
  expect(answer.status).toBe(status);
  expect(answer.headers['content-type']).toBe('application/json; charset=utf-8');
  for (const [name, value] of Object.entries(SECURITY_HEADERS))
    expect(answer.headers[name.toLowerCase()]).toBe(value);
  const body = JSON.parse(answer.body) as { error: { type: string; message: string } };
  expect(body.error.type).toBe(type);
  expect(body.error.message.length).toBeGreaterThan(0);
}

const host = `Host: ${hostname}:${port}\r\n`;

describe('the local gateway refusing what it cannot parse', () => {
  it.each([
    [
      'an over-long URL the parser could not even buffer',
      `GET /api/v1/${'a'.repeat(20_000)} HTTP/1.1\r\n${host}\r\n`,
      414,
      'validation_error',
    ],
    [
      'over-long headers',
      `GET /health HTTP/1.1\r\n${host}X-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'validation_error',
    ],
    ['a request line that is no request line', 'GARBAGE\r\n\r\n', 400, 'validation_error'],
    [
      'a malformed header name',
      `GET /health HTTP/1.1\r\n${host}Bad Header: x\r\n\r\n`,
      400,
      'validation_error',
    ],
    [
      'both Content-Length and Transfer-Encoding',
      `POST /api/v1/accounts HTTP/1.1\r\n${host}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`,
      400,
      'validation_error',
    ],
    ['an HTTP version that does not exist', `GET /health HTTP/1.2\r\n${host}\r\n`, 505, 'validation_error'],
    [
      'over-long chunk extensions',
      `POST /api/v1/login HTTP/1.1\r\n${host}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n1;${'e'.repeat(20_000)}\r\nx\r\n0\r\n\r\n`,
      413,
      'payload_too_large',
    ],
  ])('answers %s in the error format and closes the connection', async (_name, raw, status, type) => {
    const [answer] = await exchange(raw);

    expectErrorFormat(answer, status, type);
    expect(answer?.headers.connection).toBe('close');
  });
});

describe("the local gateway mirroring API Gateway's limits", () => {
  it(`answers 414 for a URL over ${MAX_URL_CHARACTERS} characters`, async () => {
    const path = `/api/v1/accounts?q=${'a'.repeat(MAX_URL_CHARACTERS)}`;

    const [answer] = await exchange(`GET ${path} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`);

    expectErrorFormat(answer, 414, 'validation_error');
    expect(JSON.parse(answer?.body ?? '{}').error.param).toBe('url');
  });

  it(`serves a URL of exactly ${MAX_URL_CHARACTERS} characters`, async () => {
    const prefix = '/health?pad=';
    const path = `${prefix}${'a'.repeat(MAX_URL_CHARACTERS - prefix.length)}`;

    const [answer] = await exchange(`GET ${path} HTTP/1.1\r\n${host}Connection: close\r\n\r\n`);

    expect(answer?.status).toBe(200);
  });

  it('answers 505 for HTTP/2.0 spoken as text, which Node would parse', async () => {
    const [answer] = await exchange(`GET /health HTTP/2.0\r\n${host}Connection: close\r\n\r\n`);

    expectErrorFormat(answer, 505, 'validation_error');
  });

  it('answers 400 in the error format for an HTTP/1.1 request without Host', async () => {
    const [answer] = await exchange('GET /health HTTP/1.1\r\nConnection: close\r\n\r\n');

    expectErrorFormat(answer, 400, 'validation_error');
    expect(JSON.parse(answer?.body ?? '{}').error.param).toBe('Host');
  });

  it('answers a malformed request after a good one on the same connection', async () => {
    const [first, second] = await exchange(`GET /health HTTP/1.1\r\n${host}\r\nGARBAGE\r\n\r\n`, 2);

    expect(first?.status).toBe(200);
    expectErrorFormat(second, 400, 'validation_error');
  });
});
