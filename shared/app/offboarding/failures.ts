import type { Messenger } from '#app/communication/index.ts';
import type { FailedDelivery, Resignation } from '#domain/offboarding/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { committing, retryingRaces } from '#kernel/writes.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { ResignationStore } from '#ports/offboarding/resignationStore.ts';

export interface FailureDeps {
  resignations: ResignationStore;
  evidence: EvidenceLog;
  tell: Messenger;
  clock: Clock;
  /** The case steps' own flag: the case needs a person, HR hears of it. */
  flagCase(caseId: string, error: { Error?: string; Cause?: string }): Promise<void>;
}

/** The functions whose failed step leaves a resignation, or its handover case, needing a person. */
const resignationSteps = new Set(['ResignationPlanner', 'Revocation']);
const caseSteps = new Set(['HandoverCase']);

/** Which resignation an event's detail or a schedule's payload is about, when it says. */
function resignationOf(payload: unknown): { employeeId: string; resignationId: string } | undefined {
  const record = (payload ?? {}) as Record<string, unknown>;
  const about = (typeof record.detail === 'object' && record.detail ? record.detail : record) as Record<
    string,
    unknown
  >;
  return typeof about.employeeId === 'string' && typeof about.resignationId === 'string'
    ? { employeeId: about.employeeId, resignationId: about.resignationId }
    : undefined;
}

/** What the failed step was handed, in a few words: an event's type, or the stage of a schedule. */
function whatOf(payload: unknown): string {
  const record = (payload ?? {}) as Record<string, unknown>;
  if (typeof record['detail-type'] === 'string') return record['detail-type'];
  if (typeof record.stage === 'string') return `${record.notice ? 'notice of ' : ''}stage ${record.stage}`;
  return 'its input';
}

/**
 * A background step still failed after its retries: nothing stays silent. The resignation or case it
 * worked on is marked as needing attention, with the reason (visible in its GET), the evidence log
 * records it, and HR is told. A dead letter delivered twice is reported once.
 */
export function makeReportFailure(deps: FailureDeps) {
  return async (failure: FailedDelivery): Promise<void> => {
    const step = failure.functionId ?? 'A background function';
    const reason = failure.error.slice(0, 1000);
    const ref = resignationOf(failure.payload);
    const at = deps.clock.now().toISOString();

    if (ref && failure.functionId && caseSteps.has(failure.functionId)) {
      await deps.flagCase(ref.resignationId, { Error: `${step} failed`, Cause: reason });
      return;
    }
    let marked: Resignation | undefined;
    if (ref && failure.functionId && resignationSteps.has(failure.functionId)) {
      marked = await retryingRaces(async () => {
        const before = await deps.resignations.get(ref.employeeId, ref.resignationId);
        if (!before) return undefined;
        // The same failure delivered again is recorded once.
        if (before.attention?.step === step && before.attention.reason === reason) return before;
        const after: Resignation = { ...before, attention: { at, step, reason } };
        await committing(deps.resignations.prepareUpdate(before, after), (writes) =>
          deps.evidence.append(
            [
              {
                actor: 'system',
                action: 'background.failed',
                subject: `employee:${ref.employeeId}`,
                caseId: ref.resignationId,
                reason,
                details: { step, input: whatOf(failure.payload), deadLetter: failure.id },
              },
            ],
            { alongside: writes },
          ),
        );
        return after;
      });
    }
    await deps.tell(
      [{ shared: 'hr' }],
      'background.failed',
      {
        step,
        subject: marked
          ? `resignation ${ref?.resignationId} of ${ref?.employeeId}`
          : `${whatOf(failure.payload)}${ref ? ` for ${ref.employeeId}` : ''}`,
        reason,
      },
      { dedupeKey: `failed|${failure.id}`, data: { ...(ref ?? {}), step } },
    );
  };
}
