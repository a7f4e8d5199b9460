import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: Lambda entries and the lock file are found from here, whatever the cwd. */
export const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The product's name in every stack and resource name. */
export const PRODUCT = 'trust-center';

export { EVENT_SOURCE } from '#shared/events/bus';
