import { makeCompletion } from '#app/offboarding/handover/completion.ts';
import { offboardingDeps } from '#wiring/offboarding.ts';

const completion = makeCompletion(offboardingDeps());

type TaskEvent = { action: 'transfer' | 'report' | 'complete'; caseId: string };

/** The handover's last steps: customers to their successors, the report, completion. */
export async function handler(event: TaskEvent): Promise<unknown> {
  switch (event.action) {
    case 'transfer':
      return completion.transfer(event.caseId);
    case 'report':
      return completion.report(event.caseId);
    case 'complete':
      return completion.complete(event.caseId);
  }
}
