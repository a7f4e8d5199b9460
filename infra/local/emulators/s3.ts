import { mkdir } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { ListBucketsCommand, S3Client } from '@aws-sdk/client-s3';
import { localAws } from './aws.ts';
import { type Log, probe, type RunningEmulator } from './emulator.ts';

export interface S3Options {
  /** Where s3rver keeps buckets and objects. */
  directory: string;
  log: Log;
}

// The part of s3rver's (untyped) API used here.
interface S3rver {
  callback(): (request: IncomingMessage, response: ServerResponse) => void;
  on(event: 'error', listener: (error: Error) => void): void;
}
type S3rverConstructor = new (options: { directory: string; silent: boolean }) => S3rver;

/** s3rver, in process, behind our own HTTP server so that every bucket answers CORS requests. */
export async function startS3(options: S3Options): Promise<RunningEmulator> {
  await mkdir(options.directory, { recursive: true });
  const S3rver = createRequire(import.meta.url)('s3rver') as S3rverConstructor;
  const s3rver = new S3rver({ directory: options.directory, silent: true });
  // Koa prints unhandled request errors to stderr unless the app has an error listener.
  s3rver.on('error', (error) => options.log(`s3: ${error.message}`));
  const handle = s3rver.callback();
  const server = createServer((request, response) => {
    if (!answerCors(request, response)) handle(request, response);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({
    endpoint,
    region: localAws.region,
    credentials: localAws.credentials,
    forcePathStyle: true,
    maxAttempts: 1,
  });
  return {
    endpoint,
    health: () => probe((abortSignal) => client.send(new ListBucketsCommand({}), { abortSignal })),
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

/**
 * Local browsers (the site, presigned uploads) may call from any origin. s3rver keeps the
 * CORS headers set here even on error responses. Returns true when it answered a preflight.
 */
function answerCors(request: IncomingMessage, response: ServerResponse): boolean {
  if (request.headers.origin === undefined) return false;
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader(
    'Access-Control-Expose-Headers',
    'ETag, Content-Length, Content-Type, Last-Modified, x-amz-request-id, x-amz-version-id',
  );
  const preflightMethod = request.headers['access-control-request-method'];
  if (request.method !== 'OPTIONS' || preflightMethod === undefined) return false;
  response.writeHead(200, {
    'Access-Control-Allow-Methods': 'GET, HEAD, PUT, POST, DELETE',
    'Access-Control-Allow-Headers': request.headers['access-control-request-headers'] ?? '*',
    'Access-Control-Max-Age': '3000',
    Vary: 'Origin, Access-Control-Request-Headers, Access-Control-Request-Method',
  });
  response.end();
  return true;
}
