import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { issueDevelopmentCredential } from '#shared/auth/development-credential';
import { newId } from '#shared/ids';

export interface DemoTenant {
  tenantId: string;
  /** A development credential for the demo tenant's administrator. */
  credential: string;
  /** True on the start that created it. */
  created: boolean;
}

/** Every scope: the demo administrator may do anything within the demo tenant. */
const ADMIN = { principalId: 'usr_demo_admin', role: 'admin', scopes: ['*'] };

/** The demo tenant of the local platform, created on first start and remembered in the data directory. */
export async function demoTenant(dataDir: string | undefined, secret: string): Promise<DemoTenant> {
  const file = dataDir ? join(dataDir, 'demo-tenant.json') : undefined;
  let tenantId: string | undefined;
  if (file) {
    tenantId = await readFile(file, 'utf8')
      .then((text) => (JSON.parse(text) as { tenantId: string }).tenantId)
      .catch(() => undefined);
  }
  const created = tenantId === undefined;
  tenantId ??= newId('organization');
  if (created && dataDir && file) {
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify({ tenantId }));
  }
  return { tenantId, credential: issueDevelopmentCredential({ tenantId, ...ADMIN }, secret), created };
}
