import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Entity } from 'electrodb';
import { describe, expect, it } from 'vitest';

// Lambda bundles replace jsonschema, with which ElectroDB checks a model in `new Entity()`, by a stand-in
// that accepts every model (infra/bundling.ts, infra/jsonschema-stand-in.ts). The models are static code:
// this test is where they are checked, with the real jsonschema (tests run unbundled).

const root = join(import.meta.dirname, '../..');
const ENTITY_CONSTRUCTION = /\bnew Entity\(/g;

/** Every source file under services/ and shared/ that constructs an ElectroDB entity, with how many. */
async function entityModules(): Promise<{ path: string; constructions: number }[]> {
  const modules: { path: string; constructions: number }[] = [];
  for (const folder of ['services', 'shared']) {
    const entries = await readdir(join(root, folder), { withFileTypes: true, recursive: true });
    for (const entry of entries) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue;
      const path = join(entry.parentPath, entry.name);
      const constructions = (await readFile(path, 'utf8')).match(ENTITY_CONSTRUCTION)?.length ?? 0;
      if (constructions > 0) modules.push({ path, constructions });
    }
  }
  return modules;
}

/** A model ElectroDB's own parsing accepts but its JSON schema refuses (`required` must be a boolean). */
const invalidModel = {
  model: { entity: 'invalid', version: '1', service: 'tc' },
  attributes: { id: { type: 'string', required: 'yes' } },
  indexes: { byId: { pk: { field: 'pk', composite: ['id'] } } },
};

describe('ElectroDB entity models', () => {
  it('are checked against the real jsonschema here: an invalid model throws', () => {
    expect(() => new Entity(invalidModel as never, { table: 'trust-center' })).toThrow(
      /attributes\.id\.required is not of a type\(s\) boolean/,
    );
  });

  it('of every service are valid, and every entity constructed in the code is an export checked here', async () => {
    const modules = await entityModules();
    expect(modules.length).toBeGreaterThan(10);
    let checked = 0;
    for (const { path, constructions } of modules) {
      const name = relative(root, path);
      // Importing constructs the module's entities: an invalid model throws here.
      const exports: Record<string, unknown> = await import(pathToFileURL(path).href);
      const entities = Object.values(exports).filter(
        (value): value is Entity<never, never, never, never> => value instanceof Entity,
      );
      expect(entities.length, `${name}: entities exported vs constructed`).toBe(constructions);
      for (const entity of entities) {
        // The same model once more, explicitly, so the check does not rest on import side effects alone.
        expect(() => new Entity(entity.schema, { table: 'trust-center' }), name).not.toThrow();
        checked += 1;
      }
    }
    expect(checked).toBeGreaterThan(30);
  });
});
