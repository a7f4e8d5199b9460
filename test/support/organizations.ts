import { expect } from 'vitest';
import { newTenant, type TestTenant } from './api.ts';
import { uniqueEmail } from './people.ts';

/** A platform operator's development credential. */
export const operator = (): TestTenant => newTenant({ operator: true });

/**
 * A real organization on `plan`, created by an operator as seed 3 does (so it has an organization item,
 * a plan and its owner's pending invitation), and an admin's development credential inside it.
 */
export async function organizationOn(plan: string): Promise<{ orgId: string; admin: TestTenant }> {
  const created = await operator().call<{ id: string }>('POST', '/api/v1/organizations', {
    body: { name: `Org on ${plan}`, email: uniqueEmail('owner'), plan },
  });
  expect(created.status, created.text).toBe(201);
  const admin = newTenant({ tenantOf: { tenantId: created.body.id } as TestTenant });
  return { orgId: created.body.id, admin };
}
