import type { EvidenceEntry } from '#domain/evidence/evidence.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import type { EvidenceFilter, EvidenceLog } from '#ports/evidence/evidenceLog.ts';

/** Those who may read the evidence log page through it, newest first, by subject, case, action and time. */
export const makeReadEvidence =
  (deps: { evidence: EvidenceLog }) =>
  async (actor: Principal, filter: EvidenceFilter, page: PageRequest): Promise<PageResult<EvidenceEntry>> => {
    requirePermission(actor, 'evidence:read');
    return deps.evidence.find(filter, page);
  };
