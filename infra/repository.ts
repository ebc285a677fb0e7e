import { fileURLToPath } from 'node:url';

/** The repository's root: entries, the lock file and the bundling scripts are found from here. */
export const repoRoot = fileURLToPath(new URL('../', import.meta.url));
