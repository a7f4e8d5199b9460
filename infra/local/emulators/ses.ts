import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { ListEmailTemplatesCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { localAws } from './aws.ts';
import { probe, type RunningEmulator } from './emulator.ts';

type StartSesServer = (config: { host: string; port: number }) => Promise<Server>;

/**
 * aws-ses-v2-local, in process. Captured mail is at `GET <endpoint>/store`, cleared with
 * `POST <endpoint>/clear-store`. Its store is module-global: every instance in one
 * process shares the same mail.
 */
export async function startSes(): Promise<RunningEmulator> {
  // Loaded with require because its default export resolves differently under tsx and plain Node ESM.
  const { default: startSesServer } = createRequire(import.meta.url)('aws-ses-v2-local') as {
    default: StartSesServer;
  };
  const server = await startSesServer({ host: '127.0.0.1', port: 0 });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new SESv2Client({
    endpoint,
    region: localAws.region,
    credentials: localAws.credentials,
    maxAttempts: 1,
  });
  return {
    endpoint,
    health: () => probe((abortSignal) => client.send(new ListEmailTemplatesCommand({}), { abortSignal })),
    stop: async () => {
      client.destroy();
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
