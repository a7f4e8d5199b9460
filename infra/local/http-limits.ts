/**
 * The local gateway's answers to requests it cannot or will not parse, in the error format every other
 * answer has (`{"error": {"type", "message"}}`, shared/http/errors.ts) and with the same security headers.
 * Two layers: Node's HTTP parser refuses a malformed request before any handler runs (`clientError`,
 * answered here on the raw socket); a request it parsed may still break API Gateway's limits
 * (`requestRefusal`, thrown as an HttpError by the gateway's handler).
 */
import { type IncomingMessage, type Server, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ErrorType, HttpError } from '#shared/http/errors';
import { SECURITY_HEADERS } from '#shared/http/security-headers';

/**
 * API Gateway's limit on the URL of a REST API with a REGIONAL endpoint (the type
 * infra/constructs/platform-api.ts deploys): 10,240 characters ("Quotas for configuring and running a REST
 * API in API Gateway"; 8,192 for edge-optimized and private APIs). Measured here on the request target
 * (path and query) as it arrives, so percent-encoded characters count as sent.
 */
export const MAX_URL_CHARACTERS = 10_240;

/** HTTP/1.x only: API Gateway speaks HTTP/1.1 (and HTTP/2 through TLS ALPN, which a plain port cannot offer). */
const SUPPORTED_MAJOR_VERSION = 1;

interface Refusal {
  status: number;
  type: ErrorType;
  message: string;
  param?: string;
}

/**
 * What a request the parser accepted still may not do, as API Gateway refuses it before any integration:
 * - a request target longer than `MAX_URL_CHARACTERS`: 414 (RFC 9110 §15.5.15);
 * - an HTTP version other than 1.x: 505 (RFC 9110 §15.6.6); Node's parser lets `HTTP/2.0` through;
 * - an HTTP/1.1 request without `Host`: 400 (RFC 9112 §3.2).
 * @returns the error to answer with, or undefined when the request may proceed.
 */
export function requestRefusal(request: IncomingMessage): HttpError | undefined {
  const target = request.url ?? '/';
  if (target.length > MAX_URL_CHARACTERS) return asHttpError(uriTooLong(target.length));
  if (request.httpVersionMajor !== SUPPORTED_MAJOR_VERSION)
    return asHttpError(versionNotSupported(`${request.httpVersionMajor}.${request.httpVersionMinor}`));
  const http11 = request.httpVersionMajor === 1 && request.httpVersionMinor === 1;
  if (http11 && !request.headers.host)
    return asHttpError({
      status: 400,
      type: 'validation_error',
      message: 'An HTTP/1.1 request must carry a Host header (RFC 9112 section 3.2)',
      param: 'Host',
    });
  return undefined;
}

/** Node's parser error codes (llhttp `HPE_*`, plus Node's own timeout) and the status each one means. */
function parserRefusal(error: NodeJS.ErrnoException & { rawPacket?: Buffer }): Refusal {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW': {
      // One limit covers the request line and the headers; an over-long URL is a 414, not a 431.
      const requestLineLength = firstLineLength(error.rawPacket);
      if (requestLineLength === undefined || requestLineLength > MAX_URL_CHARACTERS)
        return uriTooLong(requestLineLength);
      return {
        status: 431,
        type: 'validation_error',
        message: 'The request headers are too large (RFC 6585 section 5)',
        param: 'headers',
      };
    }
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        status: 413,
        type: 'payload_too_large',
        message: 'The chunk extensions of the request body are too large',
        param: 'body',
      };
    case 'HPE_INVALID_VERSION':
      return versionNotSupported(undefined);
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { status: 408, type: 'api_error', message: 'The request did not arrive in time' };
    default:
      return {
        status: 400,
        type: 'validation_error',
        message: `Malformed HTTP request: ${error.message.replace(/^Parse Error: /, '')}`,
      };
  }
}

function uriTooLong(length: number | undefined): Refusal {
  return {
    status: 414,
    type: 'validation_error',
    message: `The URL is longer than the limit of ${MAX_URL_CHARACTERS} characters${length ? ` (${length})` : ''}`,
    param: 'url',
  };
}

function versionNotSupported(version: string | undefined): Refusal {
  return {
    status: 505,
    type: 'validation_error',
    message: `HTTP version ${version ?? 'in the request line'} is not supported; send HTTP/1.1`,
  };
}

function asHttpError(refusal: Refusal): HttpError {
  return new HttpError(refusal.status, refusal.type, refusal.message, refusal.param);
}

/** The length of the request line in what the parser had buffered; undefined when it never ended. */
function firstLineLength(rawPacket: Buffer | undefined): number | undefined {
  if (!rawPacket) return undefined;
  const end = rawPacket.indexOf('\r\n');
  return end === -1 ? undefined : end;
}

/**
 * Installs the `clientError` answer on a server: the refusal in the error format, written on the raw socket
 * (no ServerResponse exists for it) with a correct status line, `Content-Type`, `Content-Length`, the
 * security headers and `Connection: close`, then the connection is closed (the parser cannot resynchronise).
 * A response in flight on the connection goes first when its request was whole (a good request pipelined
 * before the bad one) or its bytes are already on the wire; when its own body is what failed to parse, the
 * refusal is its answer.
 * @param responding the latest response on a socket, if any (tracked by the server's request listener).
 */
export function answerClientErrors(
  server: Server,
  responding: (socket: Duplex) => ServerResponse | undefined,
): void {
  server.on('clientError', (error: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    let answered = false;
    const answer = () => {
      answered = true;
      if (socket.writable) socket.end(rawErrorResponse(parserRefusal(error)));
      else socket.destroy();
    };
    const current = responding(socket);
    if (!current || current.writableEnded) return answer();
    // The body of the request in flight is what failed: the refusal is its answer, unless one has begun.
    const bodyFailed = !current.req.complete;
    if (bodyFailed && !current.headersSent) return answer();
    // A good request came before the bad one (pipelining), or its answer is on the wire: answer after it.
    current.once('finish', answer);
    // 'close' also follows 'finish': only a response that never finished leaves the socket to drop.
    current.once('close', () => {
      if (!answered) socket.destroy();
    });
  });
}

function rawErrorResponse(refusal: Refusal): string {
  const body = JSON.stringify({
    error: {
      type: refusal.type,
      message: refusal.message,
      ...(refusal.param ? { param: refusal.param } : {}),
    },
  });
  const headers: Record<string, string> = {
    ...SECURITY_HEADERS,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
    Date: new Date().toUTCString(),
    Connection: 'close',
  };
  const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`);
  return `HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? ''}\r\n${head.join('')}\r\n${body}`;
}
