import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// The rule of DESIGN.md's "Service boundaries" lives in biome.json (noRestrictedImports, one override per
// service) and `npm run check` runs it. These tests prove it bites, and that no service escapes it.

interface Override {
  includes: string[];
  linter?: {
    rules?: { style?: { noRestrictedImports?: { options?: { patterns?: { group: string[] }[] } } } };
  };
}

const root = join(import.meta.dirname, '../..');
const biome = join(root, 'node_modules/.bin/biome');
const readConfig = async () => JSON.parse(await readFile(join(root, 'biome.json'), 'utf8'));

function restrictedGroups(overrides: Override[], include: string): string[][] {
  return overrides
    .filter((override) => override.includes.includes(include))
    .flatMap((override) => override.linter?.rules?.style?.noRestrictedImports?.options?.patterns ?? [])
    .map((pattern) => pattern.group);
}

/** Runs Biome's linter with the project's rules over `files` (path → source) and returns the files it refuses. */
async function refusedImports(files: Record<string, string>): Promise<string[]> {
  const config = await readConfig();
  delete config.vcs; // the scratch folder is no git checkout
  for (const [path, source] of Object.entries(files)) {
    await mkdir(dirname(join(scratch, path)), { recursive: true });
    await writeFile(join(scratch, path), source);
  }
  await writeFile(join(scratch, 'biome.json'), JSON.stringify(config));
  const { stdout } = await promisify(execFile)(biome, ['lint', '--reporter=json', ...Object.keys(files)], {
    cwd: scratch,
  }).catch((failure: { stdout: string }) => failure);
  const report = JSON.parse(stdout) as {
    diagnostics: { category: string; location: { path: string } }[];
  };
  return report.diagnostics
    .filter((diagnostic) => diagnostic.category === 'lint/style/noRestrictedImports')
    .map((diagnostic) => diagnostic.location.path)
    .sort();
}

let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'service-boundaries-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('the service boundary rule', () => {
  it('covers every service folder, each allowed its own modules and every public.ts', async () => {
    const entries = await readdir(join(root, 'services'), { withFileTypes: true });
    const services = entries.filter((entry) => entry.isDirectory()).map((entry) => entry.name);
    const { overrides } = (await readConfig()) as { overrides: Override[] };

    for (const service of services) {
      expect(restrictedGroups(overrides, `services/${service}/**`), service).toEqual([
        ['#services/**', `!#services/${service}/**`, '!#services/*/public', '!#services/catalogue'],
      ]);
    }
    expect(restrictedGroups(overrides, 'shared/**')).toEqual([['#services/**']]);
  });

  it('makes no exception for single files', async () => {
    const { overrides } = (await readConfig()) as { overrides: Override[] };
    const exceptions = overrides
      .filter((override) => override.includes.every((include) => !include.endsWith('/**')))
      .filter((override) => override.linter?.rules?.style?.noRestrictedImports)
      .flatMap((override) => override.includes);

    expect(exceptions).toEqual([]);
  });

  it("refuses a service's import of another service's private module, static, dynamic or re-exported", async () => {
    const refused = await refusedImports({
      'services/certifications/reads-store.ts': "import { findDocument } from '#services/documents/store';\n",
      'services/certifications/loads-store.ts':
        "export const load = () => import('#services/documents/document-download-url');\n",
      'services/certifications/re-exports.ts': "export { accounts } from '#services/accounts/store';\n",
      'services/certifications/imports-registry.ts': "import { routes } from '#services/registry';\n",
    });

    expect(refused).toEqual([
      'services/certifications/imports-registry.ts',
      'services/certifications/loads-store.ts',
      'services/certifications/re-exports.ts',
      'services/certifications/reads-store.ts',
    ]);
  });

  it("lets a service import its own modules, other services' public.ts and shared/", async () => {
    const refused = await refusedImports({
      'services/certifications/fine.ts': [
        "import { findCertification } from '#services/certifications/store';",
        "import { missingDocuments } from '#services/documents/public';",
        "import { eventCatalogue } from '#services/catalogue';",
        "import { sha256Hex } from '#shared/crypto/sha256-hex';",
        '',
      ].join('\n'),
    });

    expect(refused).toEqual([]);
  });

  it('refuses any import of a service from shared/, and leaves the assembly modules free', async () => {
    const refused = await refusedImports({
      'shared/http/knows-a-service.ts': "import { missingDocuments } from '#services/documents/public';\n",
      'services/registry.ts': "import { documentRoutes } from '#services/documents/routes';\n",
      'services/catalogue.ts': "import { documentEvents } from '#services/documents/events';\n",
    });

    expect(refused).toEqual(['shared/http/knows-a-service.ts']);
  });
});
