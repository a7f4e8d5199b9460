import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LocalSecrets {
  cursorSecret: string;
  developmentCredentialSecret: string;
  /** Seals webhook signing secrets and incoming-webhook URLs (AES-256-GCM): 32 bytes, base64. */
  webhookSecretKey: string;
  /** Used when TC_ADMIN_PASSWORD / TC_OPERATOR_PASSWORD are unset; printed at start. */
  generatedAdminPassword: string;
  generatedOperatorPassword: string;
}

/** Meets any sane password policy: mixed case, digits and a symbol. */
function password(): string {
  return `Tc-${randomBytes(12).toString('base64url')}-9a`;
}

function generate(): LocalSecrets {
  return {
    cursorSecret: randomBytes(32).toString('base64url'),
    developmentCredentialSecret: randomBytes(32).toString('base64url'),
    webhookSecretKey: randomBytes(32).toString('base64'),
    generatedAdminPassword: password(),
    generatedOperatorPassword: password(),
  };
}

/**
 * The local stand-ins for what Secrets Manager holds in AWS. Kept in the data directory (readable by the
 * owner only) so cursors and credentials survive a restart; generated afresh when there is none.
 */
export async function loadSecrets(dataDir: string | undefined): Promise<LocalSecrets> {
  if (!dataDir) return generate();
  const file = join(dataDir, 'secrets.json');
  try {
    const stored = JSON.parse(await readFile(file, 'utf8')) as Partial<LocalSecrets>;
    const secrets = { ...generate(), ...stored };
    // A secret added since the file was written is kept from now on: what it sealed must open after a restart.
    if (Object.keys(secrets).some((name) => !(name in stored)))
      await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
    return secrets;
  } catch {
    const secrets = generate();
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
    return secrets;
  }
}
