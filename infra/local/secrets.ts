import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export interface LocalSecrets {
  cursorSecret: string;
  developmentCredentialSecret: string;
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
    return { ...generate(), ...(JSON.parse(await readFile(file, 'utf8')) as Partial<LocalSecrets>) };
  } catch {
    const secrets = generate();
    await mkdir(dataDir, { recursive: true });
    await writeFile(file, JSON.stringify(secrets), { mode: 0o600 });
    return secrets;
  }
}
