import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: Lambda entries and the lock file are found from here, whatever the cwd. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The product's name in every stack and resource name. */
export const PRODUCT = 'trust-center';

/** The `source` of every event the platform publishes, on the bus and in rules. */
export const EVENT_SOURCE = 'trust-center';
