import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { eventCatalogue, routes } from '#services/registry';
import { openApiDocument, serializeDocument } from '#shared/openapi/document';

/**
 * `npm run openapi` writes the document; `--check` only says whether the committed one is current. It
 * lives in infra/, beside the other tools that read the registry, so shared/ stays below every service.
 */
const target = fileURLToPath(new URL('../shared/openapi/openapi.json', import.meta.url));
const generated = serializeDocument(openApiDocument(routes, eventCatalogue));

if (process.argv.includes('--check')) {
  const committed = await readFile(target, 'utf8').catch(() => '');
  if (committed !== generated) {
    console.error('shared/openapi/openapi.json is out of date: run `npm run openapi` and commit it.');
    process.exit(1);
  }
  console.log('shared/openapi/openapi.json is current.');
} else {
  await writeFile(target, generated);
  console.log(`Wrote ${target} (${routes.length} routes, ${eventCatalogue.length} event types).`);
}
