import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

// zod's `z` export (and its default export) is one object holding all of zod, locales included: esbuild
// cannot drop what a bundle never uses from it, and a one-schema Lambda bundle grows from ~85 KB to ~450 KB.
// `import * as z from 'zod'` reads the same in the code and tree-shakes. Biome's noRestrictedImports
// cannot hold this rule: each service's override in biome.json replaces the rule's options.

const root = join(import.meta.dirname, '../..');
const SOURCE_FOLDERS = ['services', 'shared', 'infra', 'bench', 'test', 'web'];

/** An import of zod's `z` export or of its default export, in any of the forms TypeScript accepts. */
const WHOLE_ZOD_IMPORT =
  /^\s*import\s+(?:type\s+)?(?:[A-Za-z_$][\w$]*\s*(?:,\s*\{[^}]*\}\s*)?from|\{[^}]*\bz\b[^}]*\}\s*from)\s*['"]zod(?:\/v4)?['"]/;

/** The lines of `source` that import all of zod. */
function wholeZodImports(source: string): string[] {
  return source.split('\n').filter((line) => WHOLE_ZOD_IMPORT.test(line));
}

async function sourceFiles(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true, recursive: true }).catch(() => []);
  return entries
    .filter((entry) => entry.isFile() && /\.(?:ts|tsx|mts)$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !path.includes('node_modules'));
}

describe('zod imports', () => {
  it('recognises every form that pulls in all of zod, and lets the namespace and named schema forms pass', () => {
    for (const line of [
      "import { z } from 'zod';",
      'import { z } from "zod/v4";',
      "import type { z } from 'zod';",
      "import { z as zod } from 'zod';",
      "import { ZodError, z } from 'zod';",
      "import z from 'zod';",
      "import zod, { object } from 'zod';",
    ])
      expect(wholeZodImports(line), line).toEqual([line]);
    for (const line of [
      "import * as z from 'zod';",
      "import type * as z from 'zod';",
      "import { object, string } from 'zod';",
      "import type { ZodType } from 'zod';",
      "import { z } from 'zod-to-something';",
    ])
      expect(wholeZodImports(line), line).toEqual([]);
  });

  it('are namespace imports everywhere in the project', async () => {
    const files = (await Promise.all(SOURCE_FOLDERS.map((folder) => sourceFiles(join(root, folder))))).flat();
    expect(files.length).toBeGreaterThan(100);

    const offenders: string[] = [];
    for (const file of files) {
      for (const line of wholeZodImports(await readFile(file, 'utf8')))
        offenders.push(`${relative(root, file)}: ${line.trim()} (write: import * as z from 'zod')`);
    }
    expect(offenders).toEqual([]);
  });
});
