import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { eventCatalogue, routes } from '#services/registry';
import { openApiDocument, serializeDocument } from '#shared/openapi/document';
import { operationTable, serializeOperationTable } from '#shared/openapi/operations';

/**
 * `npm run openapi` writes the document and the operation table derived from the same route table;
 * `--check` only says whether the committed ones are current. It lives in infra/, beside the other tools
 * that read the registry, so shared/ stays below every service.
 */
const outputs = [
  {
    file: 'shared/openapi/openapi.json',
    text: serializeDocument(openApiDocument(routes, eventCatalogue)),
  },
  { file: 'shared/openapi/operations.json', text: serializeOperationTable(operationTable(routes)) },
];
const pathOf = (file: string) => fileURLToPath(new URL(`../${file}`, import.meta.url));

if (process.argv.includes('--check')) {
  let stale = false;
  for (const { file, text } of outputs) {
    const committed = await readFile(pathOf(file), 'utf8').catch(() => '');
    if (committed !== text) {
      console.error(`${file} is out of date: run \`npm run openapi\` and commit it.`);
      stale = true;
    }
  }
  if (stale) process.exit(1);
  console.log('shared/openapi/ is current.');
} else {
  for (const { file, text } of outputs) await writeFile(pathOf(file), text);
  console.log(
    `Wrote ${outputs.map(({ file }) => file).join(', ')} (${routes.length} routes, ${eventCatalogue.length} event types).`,
  );
}
