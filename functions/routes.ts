import type { RouteSpec } from '#http/route.ts';
import { functionManifest } from './manifest.ts';

/** Every route of the API: those of each HTTP function of the manifest. The OpenAPI document is built from this. */
export const allRoutes: readonly RouteSpec[] = functionManifest.flatMap((fn) =>
  fn.triggers.flatMap((trigger) => (trigger.kind === 'http' ? trigger.routes : [])),
);
