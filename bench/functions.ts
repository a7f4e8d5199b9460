import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { BundleEntry } from './bundles.ts';

/**
 * Every Lambda bundle to measure: the registry's functions (services, authorizer, consumers, jobs, the
 * webhook retries), one bundle per entry file (a service's consumers share one), and any
 * `services/<name>/*handler.ts(x)` the registry does not name yet, so no function escapes the bench.
 */
export async function functionBundles(root: string): Promise<BundleEntry[]> {
  const { lambdaFunctions } = await import('#services/registry');
  const byEntry = new Map<string, BundleEntry & { functions: string[] }>();
  for (const fn of lambdaFunctions()) {
    const known = byEntry.get(fn.entry);
    if (known) {
      known.functions.push(fn.name);
      continue;
    }
    const name = fn.kind === 'consumer' ? `${fn.entry.split('/')[1]} consumers` : fn.name;
    byEntry.set(fn.entry, { name, entry: fn.entry, kind: fn.kind, functions: [fn.name] });
  }
  const folders = await readdir(join(root, 'services'), { withFileTypes: true });
  for (const folder of folders.filter((entry) => entry.isDirectory())) {
    for (const file of await readdir(join(root, 'services', folder.name))) {
      const entry = `services/${folder.name}/${file}`;
      if (/handler\.tsx?$/.test(file) && !byEntry.has(entry))
        byEntry.set(entry, { name: `${folder.name}/${file}`, entry, kind: 'unregistered', functions: [] });
    }
  }
  return [...byEntry.values()];
}
