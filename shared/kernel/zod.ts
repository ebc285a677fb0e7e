import { config } from 'zod/mini';
import en from 'zod/v4/locales/en.js';

/**
 * The one zod import of the code base: `import * as z from './zod.ts'`. zod/mini, because
 * classic zod puts all of its message locales into every Lambda bundle (~430 KB, and a large part of
 * a cold start); with only the English messages loaded, field errors still read well in problem+json.
 * Re-exported with `export *` so that bundles keep only the members they use.
 */
config(en());

export * from 'zod/mini';
