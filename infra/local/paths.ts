import { fileURLToPath } from 'node:url';

/** Repository-relative folders of the local world; all of them are git-ignored. */
export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
export const toolsDir = fileURLToPath(new URL('../../.tools/', import.meta.url));
export const defaultDataDir = fileURLToPath(new URL('../../.data/', import.meta.url));
