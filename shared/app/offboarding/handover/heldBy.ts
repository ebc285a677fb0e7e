import { everyPage } from '#kernel/pages.ts';
import type { CaseStore } from '#ports/offboarding/caseStore.ts';
import { nodeKinds } from './nodes/index.ts';

/** A part someone holds in an open handover: approving as the leaver's manager, or taking something over. */
export interface HeldPart {
  caseId: string;
  /** Whose handover it is. */
  leaverId: string;
  heldBy: string;
  role: 'manager' | 'successor';
  /** The node kinds where they take something over (for a successor). */
  nodes: string[];
}

/**
 * The open handovers (open, overdue, needing attention) in which these people hold a part: the cases
 * they approve as the leaver's manager and those in which they take items over. One Query per list,
 * one per open case (open cases are few: those of people leaving now).
 */
export function makeHandoversHeldBy({ cases }: { cases: Pick<CaseStore, 'list' | 'items'> }) {
  return async (employeeIds: readonly string[]): Promise<HeldPart[]> => {
    const wanted = new Set(employeeIds);
    const open = (
      await Promise.all(
        (['open', 'overdue', 'needs_attention'] as const).map((list) =>
          everyPage((page) => cases.list(list, page)),
        ),
      )
    ).flat();
    const seen = new Set<string>();
    const held: HeldPart[] = [];
    for (const c of open) {
      if (seen.has(c.id) || c.status === 'completed' || c.status === 'cancelled') continue;
      seen.add(c.id);
      if (c.managerId && wanted.has(c.managerId) && !wanted.has(c.employeeId))
        held.push({ caseId: c.id, leaverId: c.employeeId, heldBy: c.managerId, role: 'manager', nodes: [] });
      const items = await cases.items(c.id);
      for (const id of wanted) {
        if (id === c.employeeId) continue;
        const nodes = nodeKinds
          .filter((kind) =>
            kind.involves?.(
              items.filter((i) => i.node === kind.kind).map((i) => kind.item.parse(i)),
              id,
            ),
          )
          .map((kind) => kind.kind);
        if (nodes.length > 0 || c.successorIds.includes(id))
          held.push({ caseId: c.id, leaverId: c.employeeId, heldBy: id, role: 'successor', nodes });
      }
    }
    return held;
  };
}
