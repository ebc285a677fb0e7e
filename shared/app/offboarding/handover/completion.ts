import { reportsTo } from '#app/people/index.ts';
import type { EvidenceEntry } from '#domain/evidence/index.ts';
import { leaverName, type OffboardingCase } from '#domain/offboarding/case.ts';
import { offboardingCompleted } from '#domain/offboarding/events/index.ts';
import { ConflictError, NotFoundError, PermissionDeniedError } from '#kernel/errors.ts';
import { eventOf } from '#kernel/events.ts';
import type { Principal } from '#kernel/principal.ts';
import { sha256Hex } from '#kernel/signature.ts';
import { updateCase } from './caseTasks.ts';
import { handoverContext } from './context.ts';
import type { OffboardingDeps } from './deps.ts';
import { nodeKindOf } from './nodes/index.ts';
import { compileReport, peopleNamed, reportHtml } from './report.ts';

type Deps = OffboardingDeps;

async function caseEvidence(deps: Pick<Deps, 'evidence'>, caseId: string): Promise<EvidenceEntry[]> {
  const entries: EvidenceEntry[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await deps.evidence.find({ caseId }, { limit: 100, ...(startKey ? { startKey } : {}) });
    entries.push(...page.items);
    startKey = page.nextKey;
  } while (startKey);
  return entries;
}

/** Reports up to this size are answered inline; larger ones by a link to the bucket, valid this long. */
const inlineReportBytes = 900_000;
const reportLinkSeconds = 300;

const reportKey = (caseId: string, ext: 'json' | 'html') => `offboarding/${caseId}/handover-report.${ext}`;

/**
 * The end of a handover, three idempotent steps the workflow runs once every node is closed: what the
 * nodes decided takes effect (the accepted customers move to their successors), the report is
 * compiled, stored and its hash recorded, and the case completes (OffboardingCompleted takes the rest
 * of the leaver's access).
 */
export function makeCompletion(deps: Deps) {
  const load = async (caseId: string) => {
    const c = await deps.cases.get(caseId);
    if (!c) throw new NotFoundError(`Case ${caseId}`);
    return c;
  };

  /** What each node decided takes effect (accepted customers move to their successors), once. */
  const apply = async (caseId: string): Promise<{ cancelled: boolean; outcomes: Record<string, number> }> => {
    const c = await load(caseId);
    if (c.status === 'cancelled') return { cancelled: true, outcomes: {} };
    if (c.applied) return { cancelled: false, outcomes: c.applied.outcomes };
    const context = handoverContext(deps);
    const outcomes: Record<string, number> = {};
    for (const node of c.nodes) {
      const kind = nodeKindOf(node.kind);
      if (kind.apply) outcomes[node.kind] = await kind.apply(context, c, await context.itemsOf(kind, caseId));
    }
    const at = deps.clock.now().toISOString();
    await updateCase(deps, caseId, (current) =>
      current.applied ? undefined : { after: { ...current, applied: { at, outcomes } } },
    );
    return { cancelled: false, outcomes };
  };

  const report = async (caseId: string): Promise<{ key: string; sha256: string }> => {
    const c = await load(caseId);
    if (c.report) return c.report;
    const items = await deps.cases.items(caseId);
    const evidence = await caseEvidence(deps, caseId);
    const named = await deps.employees.getMany(peopleNamed(c, items, evidence));
    const compiled = compileReport(
      c,
      items,
      evidence,
      await deps.cases.statements(caseId),
      await deps.denials.ofCase(caseId, c.employeeId),
      {
        timeZone: deps.timeZone,
        people: Object.fromEntries(
          [...named.values()].map((e) => [
            e.id,
            { name: e.name, ...(e.nameLatin ? { nameLatin: e.nameLatin } : {}) },
          ]),
        ),
      },
    );
    const json = Buffer.from(JSON.stringify(compiled, null, 2));
    const html = reportHtml(compiled);
    const sha256 = sha256Hex(json);
    const { keyId, signature } = await deps.signer.sign(json);
    await deps.reports.put(reportKey(caseId, 'json'), json, 'application/json');
    await deps.reports.put(reportKey(caseId, 'html'), html, 'text/html; charset=utf-8');
    const at = deps.clock.now().toISOString();
    const stored = { key: reportKey(caseId, 'json'), sha256, at };
    await updateCase(deps, caseId, (current) =>
      current.report
        ? undefined
        : {
            after: { ...current, report: stored },
            evidence: [
              {
                actor: 'system',
                action: 'offboarding.report-stored',
                subject: `employee:${c.employeeId}`,
                caseId,
                details: { key: stored.key, sha256, htmlSha256: sha256Hex(html), keyId, signature },
              },
            ],
          },
    );
    return stored;
  };

  const complete = async (caseId: string): Promise<{ completed: boolean }> => {
    const at = deps.clock.now().toISOString();
    const c = await updateCase(deps, caseId, (current) =>
      current.status !== 'open'
        ? undefined
        : {
            after: { ...current, status: 'completed', completedAt: at },
            evidence: [
              {
                actor: 'system',
                action: 'offboarding.completed',
                subject: `employee:${current.employeeId}`,
                caseId,
                details: { report: current.report?.sha256, applied: current.applied?.outcomes ?? {} },
              },
            ],
          },
    );
    if (c?.status !== 'completed') return { completed: false };
    // Published again on a retry: the revocation applies its stage once, whatever the deliveries.
    await deps.bus.publish([
      eventOf(offboardingCompleted, { employeeId: c.employeeId, resignationId: c.id }),
    ]);
    await deps.tell(
      [
        { employeeId: c.employeeId },
        ...(c.managerId ? [{ employeeId: c.managerId }] : []),
        ...c.successorIds.map((id) => ({ employeeId: id })),
        { shared: 'hr' as const },
      ],
      'case.completed',
      { employee: leaverName(c), sha256: c.report?.sha256 ?? '' },
      { dedupeKey: `${c.id}|completed`, data: { caseId: c.id } },
    );
    return { completed: true };
  };

  return { apply, report, complete };
}

/**
 * HR and the employee's managers read the stored report; it is served (or linked to) only when its
 * bytes still hash to what the evidence log recorded, so a changed byte is caught, not served.
 */
export function makeReportReader(deps: Pick<Deps, 'cases' | 'employees' | 'evidence' | 'reports'>) {
  return async (actor: Principal, caseId: string, format: 'json' | 'html') => {
    const c: OffboardingCase | undefined = await deps.cases.get(caseId);
    if (!c) throw new NotFoundError(`Case ${caseId}`);
    const allowed =
      actor.permissions.has('offboarding:manage') ||
      actor.employeeId === c.managerId ||
      (actor.permissions.has('employee:read:team') &&
        (await reportsTo(deps.employees, { managerId: c.managerId }, actor.employeeId)));
    if (!allowed) throw new PermissionDeniedError('HR and the managers read handover reports.');
    if (!c.report) throw new NotFoundError(`The report of case ${caseId} (the handover is not complete)`);
    const recorded = (await caseEvidence(deps, caseId)).find((e) => e.action === 'offboarding.report-stored');
    const key = format === 'json' ? c.report.key : reportKey(caseId, 'html');
    const bytes = await deps.reports.get(key);
    const expected = format === 'json' ? recorded?.details.sha256 : recorded?.details.htmlSha256;
    if (
      !bytes ||
      !recorded ||
      sha256Hex(bytes) !== expected ||
      (format === 'json' && expected !== c.report.sha256)
    ) {
      throw new ConflictError(
        'report_integrity',
        'The stored report does not match the hash in the evidence log; it was changed or lost since it was written.',
      );
    }
    return {
      // A large report (a book of thousands of customers) is fetched from the bucket, not through
      // the API, whose answers stay under a megabyte.
      ...(bytes.length <= inlineReportBytes
        ? { bytes }
        : { link: await deps.reports.downloadUrl(key, reportLinkSeconds) }),
      sha256: sha256Hex(bytes),
      signature: String(recorded.details.signature),
      keyId: String(recorded.details.keyId),
    };
  };
}
