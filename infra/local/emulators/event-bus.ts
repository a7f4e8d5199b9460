import { EventBridgeClient, ListRulesCommand } from '@aws-sdk/client-eventbridge';
import { type LocalEventBus, startEventBusServer } from '../event-bus/index.ts';
import { localAws } from './aws.ts';
import { probe, type RunningEmulator } from './emulator.ts';

/** The local event bus, served over EventBridge's wire protocol. */
export async function startEventBus(bus: LocalEventBus): Promise<RunningEmulator> {
  const server = await startEventBusServer(bus, { account: localAws.accountId, region: localAws.region });
  const client = new EventBridgeClient({
    endpoint: server.endpoint,
    region: localAws.region,
    credentials: localAws.credentials,
    maxAttempts: 1,
  });
  return {
    endpoint: server.endpoint,
    health: () => probe((abortSignal) => client.send(new ListRulesCommand({}), { abortSignal })),
    stop: async () => {
      client.destroy();
      await server.stop();
    },
  };
}
