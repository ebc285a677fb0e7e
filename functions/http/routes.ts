import type { RouteSpec } from '#http/route.ts';
import { backupRoutes } from './backups/routes.ts';
import { customerRoutes } from './customers/routes.ts';
import { departmentRoutes } from './departments/routes.ts';
import { employeeRoutes } from './employees/routes.ts';
import { evidenceRoutes } from './evidence/routes.ts';
import { exportRoutes } from './exports/routes.ts';
import { meRoutes } from './me/routes.ts';
import { offboardingRoutes } from './offboarding/routes.ts';
import { systemRoutes } from './system/routes.ts';

/** Every route of the API, by area (one Lambda per area). The OpenAPI document is built from this. */
export const apiAreas = {
  system: systemRoutes,
  me: meRoutes,
  employees: employeeRoutes,
  departments: departmentRoutes,
  customers: customerRoutes,
  exports: exportRoutes,
  evidence: evidenceRoutes,
  offboarding: offboardingRoutes,
  backups: backupRoutes,
} as const satisfies Record<string, readonly RouteSpec[]>;

export const allRoutes: readonly RouteSpec[] = Object.values(apiAreas).flat();
