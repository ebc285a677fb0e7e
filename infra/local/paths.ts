import { fileURLToPath } from 'node:url';

export { repoRoot } from '../repository.ts';

/** Repository-relative folders of the local world; all of them are git-ignored. */
export const toolsDir = fileURLToPath(new URL('../../.tools/', import.meta.url));
export const defaultDataDir = fileURLToPath(new URL('../../.data/', import.meta.url));
