import { randomBytes } from 'node:crypto';
import type { Messenger } from '#app/communication/index.ts';
import { readerStanding } from '#app/people/index.ts';
import {
  type Approver,
  type ClaimEvidence,
  checkClaim,
  NewOvertimeClaim,
  type OvertimeClaim,
  overtimeClaimId,
  punchPairs,
  reasonKeyOf,
} from '#domain/attendance/index.ts';
import type { Clock } from '#kernel/clock.ts';
import {
  ConflictError,
  InvalidInputError,
  NotFoundError,
  PermissionDeniedError,
  StaleVersionError,
} from '#kernel/errors.ts';
import type { PageRequest } from '#kernel/pages.ts';
import type { Principal } from '#kernel/principal.ts';
import { addDays, localDate } from '#kernel/time.ts';
import type { OvertimeClaimStore } from '#ports/attendance/index.ts';
import type { EmployeeStore } from '#ports/people/index.ts';
import type { AttendanceDays } from './days.ts';

export interface OvertimeDeps {
  claims: OvertimeClaimStore;
  daysOf: AttendanceDays['daysOf'];
  employees: Pick<EmployeeStore, 'get'>;
  /** The risk area's word: whether someone is a key person now, with the score and its threshold. */
  keyPersonOf: (employeeId: string) => Promise<{ score: number; threshold: number } | undefined>;
  /** Everyone in someone's referral tree (whom they referred, and on down). */
  referralTreeOf: (employeeId: string) => Promise<readonly string[]>;
  tell: Messenger;
  clock: Clock;
  timeZone: string;
}

/** How far back a claim may be made, and how far back its reason is compared with others. */
export const claimWindowDays = 60;
export const repeatedReasonDays = 180;
const defaultMarginMinutes = 15;
const hours = (minutes: number) => String(Math.round((minutes / 60) * 100) / 100);

/**
 * Overtime claims held against the punches: a claim's evidence is the overtime its day's accepted
 * punch pairs show beyond the shift (by the shift's rule); a claim above it by more than the margin
 * is flagged with the numbers. The approver is the claimant's manager — for a key person, the first
 * manager above her outside her referral tree (else HR, outside it too). The evidence is computed
 * again when the claim is decided.
 */
export function makeOvertime(deps: OvertimeDeps) {
  const { claims, clock } = deps;
  const today = () => localDate(clock.now(), deps.timeZone);

  const evidenceFor = async (
    employeeId: string,
    workDate: string,
  ): Promise<{ evidence: ClaimEvidence; margin: number }> => {
    const [found] = await deps.daysOf(employeeId, [workDate]);
    const computedAt = clock.now().toISOString();
    if (!found)
      return {
        evidence: {
          minutes: 0,
          before: 0,
          after: 0,
          dayOff: 0,
          toleranceMinutes: 0,
          pairs: [],
          flaggedPunches: 0,
          computedAt,
        },
        margin: defaultMarginMinutes,
      };
    const { day, punches, shift } = found;
    return {
      evidence: {
        ...day.overtime,
        ...(day.shift ? { shift: { id: day.shift.id, start: day.shift.start, end: day.shift.end } } : {}),
        pairs: punchPairs(punches)
          .pairs.slice(0, 20)
          .map((p) => ({
            in: p.in,
            out: p.out,
            start: p.start.toISOString(),
            end: p.end.toISOString(),
          })),
        flaggedPunches: day.punches.flagged,
        computedAt,
      },
      margin: shift?.overtime.claimMarginMinutes ?? defaultMarginMinutes,
    };
  };

  /** The claimant's managers upward, nearest first. */
  const managersOf = async (employeeId: string) => {
    const chain: string[] = [];
    let next = (await deps.employees.get(employeeId))?.managerId;
    while (next && !chain.includes(next) && next !== employeeId && chain.length < 20) {
      chain.push(next);
      next = (await deps.employees.get(next))?.managerId;
    }
    return chain;
  };

  const approverFor = async (employeeId: string, key: boolean): Promise<Approver> => {
    const chain = await managersOf(employeeId);
    if (!key) return chain[0] ? { employeeId: chain[0], because: 'manager' } : { because: 'hr' };
    const excluded = [employeeId, ...(await deps.referralTreeOf(employeeId))];
    const outside = chain.find((m) => !excluded.includes(m));
    return outside
      ? { employeeId: outside, because: outside === chain[0] ? 'manager' : 'outside_referral_tree', excluded }
      : { because: 'hr', excluded };
  };

  const mayRead = async (actor: Principal, claim: OvertimeClaim) =>
    actor.employeeId === claim.approver.employeeId ||
    (await readerStanding(deps.employees, actor, claim.employeeId, 'attendance:manage')) !== undefined;

  /** The minutes the person's other claims for the day ask, those not rejected. */
  const othersOnDay = async (employeeId: string, workDate: string, except?: string) =>
    (await claims.ofEmployee(employeeId, workDate, workDate))
      .filter((c) => c.id !== except && c.status !== 'rejected')
      .reduce((sum, c) => sum + c.claimedMinutes, 0);

  /** A claim with the same reason's other claims by the same person in the half year before it. */
  const withRepeats = async (claim: OvertimeClaim) => {
    const earlier = await claims.ofEmployee(
      claim.employeeId,
      addDays(claim.workDate, -repeatedReasonDays),
      claim.workDate,
    );
    const same = earlier.filter((c) => c.id !== claim.id && c.reasonKey === claim.reasonKey);
    return { ...claim, repeatedReason: { count: same.length, claimIds: same.slice(-10).map((c) => c.id) } };
  };

  return {
    async claim(actor: Principal, body: NewOvertimeClaim) {
      const input = NewOvertimeClaim.parse(body);
      const employee = await deps.employees.get(actor.employeeId);
      if (!employee) throw new NotFoundError(`Employee ${actor.employeeId}`);
      if (input.workDate > today() || input.workDate < addDays(today(), -claimWindowDays))
        throw new InvalidInputError('Overtime is claimed for a day that has been, within 60 days.', [
          { field: 'workDate', message: `Between ${addDays(today(), -claimWindowDays)} and ${today()}` },
        ]);
      const claimedMinutes = Math.round(input.hours * 60);
      const [{ evidence, margin }, keyPerson, others] = await Promise.all([
        evidenceFor(employee.id, input.workDate),
        deps.keyPersonOf(employee.id),
        othersOnDay(employee.id, input.workDate),
      ]);
      const now = clock.now();
      const claim: OvertimeClaim = {
        id: overtimeClaimId(now, randomBytes(4).toString('hex')),
        employeeId: employee.id,
        workDate: input.workDate,
        claimedMinutes,
        reason: input.reason,
        reasonKey: reasonKeyOf(input.reason),
        evidence,
        marginMinutes: margin,
        otherClaimsMinutes: others,
        ...checkClaim(claimedMinutes + others, evidence.minutes, margin),
        ...(keyPerson ? { keyPerson } : {}),
        approver: await approverFor(employee.id, keyPerson !== undefined),
        status: 'pending',
        createdAt: now.toISOString(),
        version: 1,
      };
      await claims.create(claim);
      await deps.tell(
        [claim.approver.employeeId ? { employeeId: claim.approver.employeeId } : { shared: 'hr' }],
        'attendance.overtimeClaimed',
        {
          employee: employee.nameLatin ? { 'zh-CN': employee.name, en: employee.nameLatin } : employee.name,
          workDate: claim.workDate,
          hours: hours(claimedMinutes),
          evidencedHours: hours(evidence.minutes),
          reason: claim.reason,
          flagged: claim.flagged ? 'yes' : 'no',
        },
        { dedupeKey: `overtime|claimed|${claim.id}`, link: `/v1/overtime-claims/${claim.id}` },
      );
      return withRepeats(claim);
    },

    async get(actor: Principal, id: string) {
      const claim = await claims.get(id);
      if (!claim || !(await mayRead(actor, claim))) throw new NotFoundError(`Overtime claim ${id}`);
      return withRepeats(claim);
    },

    /**
     * Approve or reject, with a comment: the approver, or HR; for a key person, never someone in her
     * referral tree. The evidence is read again first, so the decision sees the punches as they are.
     */
    async decide(
      actor: Principal,
      id: string,
      decision: { outcome: 'approved' | 'rejected'; comment: string },
    ) {
      const before = await claims.get(id);
      if (!before || !(await mayRead(actor, before))) throw new NotFoundError(`Overtime claim ${id}`);
      const hr = actor.permissions.has('attendance:manage');
      if (actor.employeeId === before.employeeId)
        throw new PermissionDeniedError('Nobody decides their own overtime.');
      if (before.approver.excluded?.includes(actor.employeeId))
        throw new PermissionDeniedError(
          `${before.employeeId} is a key person: her overtime is decided by someone outside her referral tree.`,
          'approver_in_referral_tree',
        );
      if (actor.employeeId !== before.approver.employeeId && !hr)
        throw new PermissionDeniedError(
          before.approver.employeeId
            ? `This claim is for ${before.approver.employeeId} (or HR) to decide.`
            : 'This claim is for HR to decide.',
        );
      if (before.status !== 'pending')
        throw new ConflictError('claim_decided', `Overtime claim ${id} is ${before.status}.`);
      const [{ evidence, margin }, others] = await Promise.all([
        evidenceFor(before.employeeId, before.workDate),
        othersOnDay(before.employeeId, before.workDate, before.id),
      ]);
      const after: OvertimeClaim = {
        ...before,
        evidence,
        marginMinutes: margin,
        otherClaimsMinutes: others,
        ...checkClaim(before.claimedMinutes + others, evidence.minutes, margin),
        status: decision.outcome,
        decision: { by: actor.employeeId, at: clock.now().toISOString(), ...decision },
        version: before.version + 1,
      };
      if (!(await claims.update(before, after))) throw new StaleVersionError();
      const by = await deps.employees.get(actor.employeeId);
      await deps.tell(
        [{ employeeId: after.employeeId }],
        'attendance.overtimeDecided',
        {
          outcome: decision.outcome,
          workDate: after.workDate,
          hours: hours(after.claimedMinutes),
          by: by?.nameLatin ? { 'zh-CN': by.name, en: by.nameLatin } : (by?.name ?? actor.employeeId),
          comment: decision.comment,
        },
        { dedupeKey: `overtime|decided|${id}`, link: `/v1/overtime-claims/${id}` },
      );
      return withRepeats(after);
    },

    /** Someone's claims in a month with the totals (they, their line, HR). */
    async ofEmployee(actor: Principal, employeeId: string, month: string) {
      const reader = await readerStanding(deps.employees, actor, employeeId, 'attendance:manage');
      if (!reader) throw new NotFoundError(`Employee ${employeeId}`);
      const list = await claims.ofEmployee(employeeId, `${month}-01`, `${month}-31`);
      const items = await Promise.all(list.map(withRepeats));
      return { employeeId, month, items, totals: claimTotals(list) };
    },

    /** What waits for the caller's decision (HR: what is routed to HR). */
    async awaiting(actor: Principal, page: PageRequest) {
      const result = await claims.forApprover(actor.employeeId, 'pending', page);
      return { ...result, items: await Promise.all(result.items.map(withRepeats)) };
    },

    async awaitingHr(actor: Principal, page: PageRequest) {
      if (!actor.permissions.has('attendance:manage')) throw PermissionDeniedError.needs('attendance:manage');
      const result = await claims.forApprover(undefined, 'pending', page);
      return { ...result, items: await Promise.all(result.items.map(withRepeats)) };
    },
  };
}

/** Claimed against evidenced and approved minutes, over some claims. */
export function claimTotals(list: readonly OvertimeClaim[]) {
  return {
    claims: list.length,
    claimedMinutes: list.reduce((sum, c) => sum + c.claimedMinutes, 0),
    evidencedMinutes: list.reduce((sum, c) => sum + c.evidence.minutes, 0),
    approvedMinutes: list
      .filter((c) => c.status === 'approved')
      .reduce((sum, c) => sum + c.claimedMinutes, 0),
    flagged: list.filter((c) => c.flagged).length,
  };
}

export type Overtime = ReturnType<typeof makeOvertime>;
