import type { EvidenceEntry } from '#domain/evidence/evidence.ts';
import { CalendarDate } from '#kernel/ids.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { addDays, startOfDay } from '#kernel/time.ts';
import type { EvidenceFilter, EvidenceLog } from '#ports/evidence/evidenceLog.ts';

/** `from`/`to` as a person gives them: an instant with any offset, or a day of the company's calendar. */
export type EvidenceQuery = Omit<EvidenceFilter, 'from' | 'to'> & {
  from?: string | undefined;
  to?: string | undefined;
};

/**
 * Those who may read the evidence log page through it, newest first, by subject, case, action and
 * time. A day means the whole of it in the company's time zone (`to=2026-11-16` includes that evening).
 */
export const makeReadEvidence =
  (deps: { evidence: EvidenceLog; timeZone: string }) =>
  async (actor: Principal, query: EvidenceQuery, page: PageRequest): Promise<PageResult<EvidenceEntry>> => {
    requirePermission(actor, 'evidence:read');
    const { from, to, ...filter } = query;
    const instant = (value: string, end: boolean) =>
      CalendarDate.safeParse(value).success
        ? new Date(
            startOfDay(end ? addDays(value, 1) : value, deps.timeZone).getTime() - (end ? 1 : 0),
          ).toISOString()
        : new Date(value).toISOString();
    return deps.evidence.find(
      {
        ...filter,
        ...(from ? { from: instant(from, false) } : {}),
        ...(to ? { to: instant(to, true) } : {}),
      },
      page,
    );
  };
