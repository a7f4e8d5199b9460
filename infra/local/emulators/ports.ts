import { type AddressInfo, createServer } from 'node:net';

/**
 * A loopback port that was free a moment ago. Only for emulators that cannot listen
 * on port 0 themselves; the caller retries if another process takes it first.
 */
export async function freeLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
