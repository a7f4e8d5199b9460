import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaBundling } from '#infra/bundling';

// What a deployed function runs is infra/bundling.ts's output, not the sources the other tests import:
// this builds a service's store with the deployment's options and uses its entity from the bundle.

const root = join(import.meta.dirname, '../..');
let scratch: string;
let metafile: Metafile;
let bundle: Record<string, unknown>;

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'lambda-bundling-'));
  const entry = join(scratch, 'entry.ts');
  await writeFile(entry, `export { faqs } from '${join(root, 'services/faqs/store.ts')}';\n`);
  ({ metafile } = await build({
    ...lambdaBundling,
    entryPoints: [entry],
    outdir: join(scratch, 'out'),
    metafile: true,
    logLevel: 'silent',
  }));
  bundle = await import(pathToFileURL(join(scratch, 'out/index.mjs')).href);
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

describe('Lambda bundling (infra/bundling.ts)', () => {
  it('leaves jsonschema out: ElectroDB gets the stand-in that accepts the models npm test checks', () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.some((path) => path.includes('node_modules/jsonschema/'))).toBe(false);
    expect(inputs.some((path) => path.endsWith('infra/jsonschema-stand-in.ts'))).toBe(true);
  });

  it("builds entities that still make ElectroDB's requests", () => {
    const { faqs } = bundle as {
      faqs: { get(key: object): { params(): { Key: object } } };
    };
    expect(faqs.get({ tenantId: 'org_1', faqId: 'faq_1' }).params().Key).toEqual({
      pk: expect.stringContaining('org_1'),
      sk: expect.stringContaining('faq_1'),
    });
  });
});
