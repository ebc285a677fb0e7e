import type { CaseList, OffboardingCase } from '#domain/offboarding/case.ts';
import type { CaseStore } from '#ports/offboarding/caseStore.ts';

export interface CaseMeasures {
  openCases: number;
  /** Open nodes past their deadline, over all open cases. */
  overdueNodes: number;
}

/** The handover's daily gauges, from the case lists (open, and open with a late node). */
export const makeCaseMeasures =
  ({ cases }: { cases: Pick<CaseStore, 'list'> }) =>
  async (): Promise<CaseMeasures> => {
    const each = async (list: CaseList, visit: (c: OffboardingCase) => void) => {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await cases.list(list, { limit: 100, ...(startKey ? { startKey } : {}) });
        page.items.forEach(visit);
        startKey = page.nextKey;
      } while (startKey);
    };
    let openCases = 0;
    let overdueNodes = 0;
    await each('open', () => {
      openCases++;
    });
    await each('overdue', (c) => {
      overdueNodes += c.nodes.filter((n) => n.status === 'open' && n.overdueSince).length;
    });
    return { openCases, overdueNodes };
  };
