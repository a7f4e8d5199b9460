/** The demo data a new platform starts with, created through the API itself. */
import { seedDemoContent } from '#infra/local/demo-content/seed';
import { type GatewayOptions, startGateway } from '#infra/local/gateway';

/**
 * A first customer account, created through the API itself, so a new platform has something to list. It
 * goes through a gateway of its own (same routes, authorizer and handlers) on a free loopback port, closed
 * afterwards: the public one refuses every request until the platform is ready, and logs none before.
 */
export async function seedDemoData(api: Omit<GatewayOptions, 'port'>, credential: string): Promise<void> {
  const seeding = await startGateway({ ...api, port: 0 });
  try {
    await createDemoAccount(seeding.url, credential);
    await seedDemoContent(seeding.url, credential);
  } finally {
    await seeding.close();
  }
}

async function createDemoAccount(url: string, credential: string): Promise<void> {
  const response = await fetch(`${url}/api/v1/accounts`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${credential}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({
      title: 'Example Customer GmbH',
      description: 'A demo customer account',
      contacts: [{ email: 'security@example.com', first_name: 'Erika', last_name: 'Muster', title: 'CISO' }],
    }),
  });
  if (response.status !== 201)
    throw new Error(`Seeding the demo tenant failed: ${response.status} ${await response.text()}`);
}
