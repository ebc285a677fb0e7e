import { readerStanding } from '#app/people/index.ts';
import {
  type AttendanceRules,
  NewAttendanceRules,
  NewShift,
  NewSite,
  type Shift,
  type Site,
  SiteChange,
} from '#domain/attendance/index.ts';
import type { Clock } from '#kernel/clock.ts';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  requireVersion,
  StaleVersionError,
} from '#kernel/errors.ts';
import type { PageRequest } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { committing } from '#kernel/writes.ts';
import type { AttendanceSetupStore } from '#ports/attendance/index.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { DepartmentStore, EmployeeStore } from '#ports/people/index.ts';

export interface AttendanceSetupDeps {
  setup: AttendanceSetupStore;
  employees: Pick<EmployeeStore, 'get'>;
  departments: Pick<DepartmentStore, 'get'>;
  evidence: EvidenceLog;
  /** Takes the positions off someone's punches (when they withdraw their consent); how many. */
  forgetPositionsOf: (employeeId: string) => Promise<number>;
  clock: Clock;
}

/** The version of the location notice people consent to; a new wording asks them again. */
export const locationNoticeVersion = 1;

/** Rules as they apply to someone: their own, else their department's or the nearest above it. */
export interface EffectiveRules {
  rules: AttendanceRules;
  from: 'employee' | 'department';
  departmentId?: string;
}

/** The rules that apply to someone, and where they come from: their own, else the nearest department's. */
export function makeEffectiveRules(deps: Pick<AttendanceSetupDeps, 'setup' | 'employees' | 'departments'>) {
  const { setup } = deps;
  return async (employeeId: string): Promise<EffectiveRules | undefined> => {
    const own = await setup.rules('employee', employeeId);
    if (own) return { rules: own, from: 'employee' };
    const person = await deps.employees.get(employeeId);
    const seen = new Set<string>();
    for (let id = person?.departmentId; id && !seen.has(id); ) {
      seen.add(id);
      const rules = await setup.rules('department', id);
      if (rules) return { rules: { ...rules, devices: [] }, from: 'department', departmentId: id };
      id = (await deps.departments.get(id))?.parentId;
    }
    return undefined;
  };
}

/**
 * Where and when people work: HR keeps sites (zone, geofences, Wi-Fi, calendar), shifts, and the
 * rules that give each person or department sites, shifts by date and the devices they punch from.
 * People record their own consent to location data.
 */
export function makeAttendanceSetup(deps: AttendanceSetupDeps) {
  const { setup, clock } = deps;

  const knownSitesAndShifts = async (input: {
    sites: readonly string[];
    shifts: readonly { shiftId: string }[];
  }) => {
    const [sites, shifts] = await Promise.all([
      setup.sites([...new Set(input.sites)]),
      setup.shifts([...new Set(input.shifts.map((s) => s.shiftId))]),
    ]);
    const issues = [
      ...input.sites.flatMap((id, n) =>
        sites.has(id) ? [] : [{ field: `sites.${n}`, message: `No site ${id}` }],
      ),
      ...input.shifts.flatMap((s, n) =>
        shifts.has(s.shiftId) ? [] : [{ field: `shifts.${n}.shiftId`, message: `No shift ${s.shiftId}` }],
      ),
    ];
    if (issues.length > 0)
      throw new InvalidInputError('Some sites or shifts do not exist.', issues, 'reference_not_found');
  };

  const effective = makeEffectiveRules(deps);

  return {
    async defineSite(actor: Principal, body: NewSite): Promise<Site> {
      requirePermission(actor, 'attendance:manage');
      const input = NewSite.parse(body);
      const at = clock.now().toISOString();
      const site: Site = { ...input, version: 1, createdAt: at, updatedBy: actor.employeeId, updatedAt: at };
      if (!(await setup.saveSite(site))) throw new ConflictError('site_exists', `Site ${input.id} exists.`);
      return site;
    },

    async changeSite(actor: Principal, id: string, body: SiteChange, expectedVersion: number | undefined) {
      requirePermission(actor, 'attendance:manage');
      const before = await setup.site(id);
      if (!before) throw new NotFoundError(`Site ${id}`);
      requireVersion(before.version, expectedVersion);
      const after: Site = {
        id,
        ...SiteChange.parse(body),
        version: before.version + 1,
        createdAt: before.createdAt,
        updatedBy: actor.employeeId,
        updatedAt: clock.now().toISOString(),
      };
      if (!(await setup.saveSite(after))) throw new StaleVersionError();
      return after;
    },

    async site(actor: Principal, id: string) {
      requirePermission(actor, 'attendance:manage');
      const site = await setup.site(id);
      if (!site) throw new NotFoundError(`Site ${id}`);
      return site;
    },

    sites(actor: Principal, page: PageRequest) {
      requirePermission(actor, 'attendance:manage');
      return setup.listSites(page);
    },

    async defineShift(actor: Principal, body: NewShift): Promise<Shift> {
      requirePermission(actor, 'attendance:manage');
      const shift: Shift = {
        ...NewShift.parse(body),
        createdBy: actor.employeeId,
        createdAt: clock.now().toISOString(),
      };
      if (!(await setup.createShift(shift)))
        throw new ConflictError('shift_exists', `Shift ${shift.id} exists.`);
      return shift;
    },

    async shift(actor: Principal, id: string) {
      requirePermission(actor, 'attendance:manage');
      const shift = await setup.shift(id);
      if (!shift) throw new NotFoundError(`Shift ${id}`);
      return shift;
    },

    shifts(actor: Principal, page: PageRequest) {
      requirePermission(actor, 'attendance:manage');
      return setup.listShifts(page);
    },

    /** Sets a person's or a department's rules whole (HR); `If-Match` once they exist. */
    async setRules(
      actor: Principal,
      scope: AttendanceRules['scope'],
      id: string,
      body: NewAttendanceRules,
      expectedVersion: number | undefined,
    ): Promise<AttendanceRules> {
      requirePermission(actor, 'attendance:manage');
      const exists = scope === 'employee' ? await deps.employees.get(id) : await deps.departments.get(id);
      if (!exists) throw new NotFoundError(`${scope === 'employee' ? 'Employee' : 'Department'} ${id}`);
      const input = NewAttendanceRules.parse(body);
      if (scope === 'department' && input.devices.length > 0)
        throw new InvalidInputError('Devices are someone’s own, not a department’s.', [
          { field: 'devices', message: 'Set devices on each person' },
        ]);
      await knownSitesAndShifts(input);
      const before = await setup.rules(scope, id);
      if (before) requireVersion(before.version, expectedVersion);
      const after: AttendanceRules = {
        scope,
        id,
        ...input,
        version: (before?.version ?? 0) + 1,
        updatedBy: actor.employeeId,
        updatedAt: clock.now().toISOString(),
      };
      if (!(await setup.saveRules(after))) throw new StaleVersionError();
      return after;
    },

    /** Someone's own rules, and those that apply (the person, their line, HR). */
    async rulesOf(actor: Principal, employeeId: string) {
      const reader = await readerStanding(deps.employees, actor, employeeId, 'attendance:manage');
      if (!reader) throw new NotFoundError(`Employee ${employeeId}`);
      const [own, applying, consent] = await Promise.all([
        setup.rules('employee', employeeId),
        effective(employeeId),
        setup.consent(employeeId),
      ]);
      return {
        employeeId,
        ...(own ? { own } : {}),
        ...(applying
          ? {
              effective: {
                ...applying.rules,
                from: applying.from,
                ...(applying.departmentId ? { departmentId: applying.departmentId } : {}),
              },
            }
          : {}),
        locationConsent: consent?.given === true && consent.noticeVersion === locationNoticeVersion,
      };
    },

    /**
     * One's own consent to location data, given or withdrawn; recorded as evidence. Withdrawn, the
     * positions their punches still keep are removed at once (the verdicts stay).
     */
    async recordConsent(actor: Principal, employeeId: string, given: boolean) {
      if (actor.employeeId !== employeeId) {
        const reader = await readerStanding(deps.employees, actor, employeeId, 'attendance:manage');
        if (!reader) throw new NotFoundError(`Employee ${employeeId}`);
        throw new PermissionDeniedError('Only the person gives or withdraws their consent to location data.');
      }
      const consent = {
        employeeId,
        given,
        noticeVersion: locationNoticeVersion,
        at: clock.now().toISOString(),
      };
      await committing(setup.prepareConsent(consent), (writes) =>
        deps.evidence.append(
          [
            {
              actor: actor.employeeId,
              action: given ? 'attendance.location-consent-given' : 'attendance.location-consent-withdrawn',
              subject: `employee:${employeeId}`,
              details: { noticeVersion: locationNoticeVersion },
            },
          ],
          { alongside: writes },
        ),
      );
      const positionsRemoved = given ? 0 : await deps.forgetPositionsOf(employeeId);
      return { ...consent, ...(given ? {} : { positionsRemoved }) };
    },

    effective,
  };
}

export type AttendanceSetup = ReturnType<typeof makeAttendanceSetup>;
