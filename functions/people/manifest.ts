import { accountDisabled, employeesCreated, rolesChanged } from '#domain/people/events/index.ts';
import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { departmentRoutes } from './departments/routes.ts';
import { employeeRoutes } from './employees/routes.ts';
import { employeeExportRoutes } from './exports/routes.ts';
import { meRoutes } from './me/routes.ts';

export const peopleFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'me',
    entry: 'functions/people/me/handler.ts',
    description: "The caller's identity, live permissions and notifications",
    routes: meRoutes,
    needs: { tables: { hr: 'read' }, notices: 'mark', cursorKey: true },
  }),
  httpFunction({
    area: 'employees',
    entry: 'functions/people/employees/handler.ts',
    description: 'Employees and their permissions',
    routes: employeeRoutes,
    needs: {
      tables: { hr: 'write', idempotency: 'write' },
      evidence: 'append',
      eventBus: 'publish',
      cursorKey: true,
    },
  }),
  httpFunction({
    area: 'employeeExports',
    entry: 'functions/people/exports/handler.ts',
    description: 'Controlled employee exports to the reports bucket',
    routes: employeeExportRoutes,
    // Writes the access-denial log (a refused export) besides reading the employees.
    needs: { tables: { hr: 'write' }, evidence: 'append', buckets: { reports: 'write' } },
  }),
  httpFunction({
    area: 'departments',
    entry: 'functions/people/departments/handler.ts',
    description: 'The department structure',
    routes: departmentRoutes,
    needs: { tables: { hr: 'write', idempotency: 'write' }, cursorKey: true },
  }),
  {
    id: 'IdentityProvisioner',
    entry: 'functions/people/identityProvisioner.ts',
    description:
      'Makes sign-in identities for new employees, keeps their groups equal to their roles, disables those of disabled accounts',
    triggers: [{ kind: 'event', events: [employeesCreated, rolesChanged, accountDisabled] }],
    needs: { tables: { hr: 'write' }, identity: 'manage' },
    timeoutSeconds: 120,
  },
];
