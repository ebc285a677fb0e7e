import type { AssetSnapshot } from '#domain/offboarding/case.ts';
import { NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import type { Principal } from '#kernel/principal.ts';
import type { OffboardingDeps } from './deps.ts';
import { newAssetId } from './nodes/assets.ts';

/** The admin office records what an employee holds, so that a handover knows what to take back. */
export const makeAssetRegister =
  (deps: Pick<OffboardingDeps, 'cases' | 'employees'>) =>
  async (actor: Principal, employeeId: string, asset: Omit<AssetSnapshot, 'id'>): Promise<AssetSnapshot> => {
    if (!actor.permissions.has('offboarding:manage') && !actor.permissions.has('offboarding:confirm-assets'))
      throw new PermissionDeniedError('HR or the admin office records assets.');
    const employee = (await deps.employees.getMany([employeeId])).get(employeeId);
    if (!employee) throw new NotFoundError(`Employee ${employeeId}`);
    const snapshot: AssetSnapshot = { id: newAssetId(), ...asset };
    await deps.cases.putAsset(employeeId, snapshot);
    return snapshot;
  };
