/** The local event pipeline's start-up: the consumers' rules on the local bus and the outbox relay. */
import { resolve } from 'node:path';
import type { LocalResources } from '#infra/local/bootstrap';
import { type Emulators, localAws } from '#infra/local/emulators/index';
import { OutboxRelay } from '#infra/local/outbox-relay';

/**
 * The local event pipeline, as in AWS: every consumer of the registry gets its rule on the local bus, and
 * the relay carries outbox items from the table's stream to the bus (the EventBridge Pipe's job), checking
 * each event against the event catalogue on the way.
 */
export async function startEventPipeline(
  emulators: Emulators,
  resources: LocalResources,
  dataDir: string | undefined,
  log: (line: string) => void,
): Promise<OutboxRelay> {
  const { consumers, eventCatalogue } = await import('#services/registry');
  const { consumerEventPattern } = await import('#shared/events/consumer');
  const { runConsumer } = await import('#shared/events/run-consumer');
  const { catalogueViolation } = await import('#shared/events/check');
  for (const consumer of consumers) {
    emulators.eventBus.addRule({
      name: consumer.name,
      eventPattern: consumerEventPattern(consumer),
      target: async (event) => {
        await runConsumer(consumer, event);
      },
    });
  }
  const relay = new OutboxRelay({
    tableName: resources.tableName,
    dynamodbEndpoint: emulators.endpoints.dynamodb,
    eventBusEndpoint: emulators.endpoints.eventBus,
    region: localAws.region,
    credentials: localAws.credentials,
    checkpointFile: dataDir ? resolve(dataDir, 'outbox-relay.json') : undefined,
    log,
    check: (detail, detailType) => catalogueViolation(eventCatalogue, detail, detailType),
  });
  await relay.start();
  return relay;
}
