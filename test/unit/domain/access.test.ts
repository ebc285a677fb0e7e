import { describe, expect, it } from 'vitest';
import { effectivePermissions, type Grant, principalFrom } from '#domain/people/access.ts';
import { AccountDisabledError, PermissionDeniedError } from '#kernel/errors.ts';
import { requirePermission } from '#kernel/principal.ts';

const grant = (permission: Grant['permission'], effect: Grant['effect']): Grant => ({
  permission,
  effect,
  reason: 'test',
  decidedBy: 'hr-1',
  decidedAt: '2026-11-27T00:00:00.000Z',
});

describe('effective permissions', () => {
  it('unions role defaults and names every source', () => {
    const effective = effectivePermissions({ roles: ['employee', 'manager'], grants: [] });
    const teamRead = effective.find((e) => e.permission === 'customer:read:team');
    const ownRead = effective.find((e) => e.permission === 'customer:read:own');
    expect(teamRead?.sources).toEqual(['role:manager']);
    expect(ownRead?.sources).toEqual(['role:employee', 'role:manager']);
  });

  it('adds allow grants and lets a deny win over any role default', () => {
    const effective = effectivePermissions({
      roles: ['hr_admin'],
      grants: [grant('customer:export', 'deny'), grant('offboarding:confirm-assets', 'allow')],
    });
    const names = effective.map((e) => e.permission);
    expect(names).not.toContain('customer:export');
    expect(effective.find((e) => e.permission === 'offboarding:confirm-assets')?.sources).toEqual(['grant']);
  });
});

describe('principal', () => {
  it('refuses a disabled or unknown account before anything else', () => {
    expect(() => principalFrom('e1', { status: 'disabled', roles: ['hr'], grants: [] })).toThrow(
      AccountDisabledError,
    );
    expect(() => principalFrom('e1', undefined)).toThrow(PermissionDeniedError);
  });

  it('requires a live permission', () => {
    const p = principalFrom('e1', { status: 'enabled', roles: ['employee'], grants: [] });
    expect(() => requirePermission(p, 'customer:read:own')).not.toThrow();
    expect(() => requirePermission(p, 'customer:export')).toThrow(/customer:export/);
  });
});
