import type { AccessDenial, EvidenceEntry } from '#domain/evidence/index.ts';
import type { HandoverItemBase, OffboardingCase } from '#domain/offboarding/case.ts';
import type { Signature } from '#kernel/signature.ts';
import { reportKit } from './html.ts';
import { nodeKindOf, nodeKinds } from './nodes/index.ts';

/**
 * The handover report: what was handed to whom (each node kind's sections), who signed what, and how
 * access was taken away.
 */
export interface HandoverReport {
  caseId: string;
  /** The company's time zone: the page shows every time on its clock (the JSON keeps UTC instants). */
  timeZone: string;
  /** Everyone the report names, by id: their names in both scripts. */
  people: Record<string, { name: string; nameLatin?: string }>;
  employee: { id: string; name: string; departmentId: string; managerId?: string };
  templateId: string;
  lastWorkingDay: string;
  openedAt: string;
  handedOverAt: string;
  nodes: { kind: string; deadline: string; closedAt?: string; late: boolean }[];
  /** The node kinds' sections (customers, rejectedOrReassigned, workReport, assets…). */
  [section: string]: unknown;
  signatures: Signature[];
  /** The revocation of access, from the evidence log: stage by stage, permission by permission. */
  revocation: { at: string; action: string; details: Record<string, unknown> }[];
  /** What the leaver tried after access was taken, and was refused: per action, target and hour, counted. */
  attemptsAfterRevocation: {
    firstAt: string;
    lastAt: string;
    action: string;
    target: string;
    reason: string;
    count: number;
  }[];
  /** Every evidence entry of the case, in order, with its hash: the report can be checked against the log. */
  timeline: { seq: number; at: string; actor: string; action: string; hash: string }[];
}

const revocationActions = new Set(['permission.revoked', 'revocation.stage-applied', 'account.disabled']);

/** The employee ids a report names: in the case, its items (successors, new managers…), its signatures and its evidence. */
export function peopleNamed(
  c: OffboardingCase,
  items: readonly HandoverItemBase[],
  evidence: readonly EvidenceEntry[],
): string[] {
  const ids = new Set<string>([c.employeeId, ...(c.managerId ? [c.managerId] : []), ...c.successorIds]);
  const visit = (value: unknown): void => {
    if (typeof value === 'string') {
      if (employeeIdPattern.test(value)) ids.add(value);
    } else if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') Object.values(value).forEach(visit);
  };
  visit(items);
  for (const e of evidence) ids.add(e.actor);
  return [...ids].filter((id) => employeeIdPattern.test(id)).sort();
}
const employeeIdPattern = /^E\d{4,8}$/;

export function compileReport(
  c: OffboardingCase,
  items: readonly HandoverItemBase[],
  evidence: readonly EvidenceEntry[],
  statements: ReadonlyMap<string, Record<string, unknown>>,
  attempts: readonly AccessDenial[],
  context: { timeZone: string; people: HandoverReport['people'] },
): HandoverReport {
  // Each signature once, whole again (with its statement), so the report can be checked offline.
  const signatures = new Map<string, Signature>();
  for (const { signature } of items) {
    if (!signature) continue;
    const statement = statements.get(signature.statementSha256);
    if (!statement) throw new Error(`Case ${c.id}: statement ${signature.statementSha256} is missing`);
    signatures.set(signature.signature, { ...signature, statement });
  }
  const ordered = [...evidence].sort((a, b) => a.seq - b.seq);
  const closedAt = c.nodes.flatMap((n) => (n.closedAt ? [n.closedAt] : [])).sort();
  const sections = nodeKinds.map((kind) =>
    kind.report.of(items.filter((i) => i.node === kind.kind).map((i) => kind.item.parse(i))),
  );
  return {
    caseId: c.id,
    timeZone: context.timeZone,
    people: context.people,
    employee: {
      id: c.employeeId,
      name: c.employeeName,
      departmentId: c.departmentId,
      ...(c.managerId ? { managerId: c.managerId } : {}),
    },
    templateId: c.templateId,
    lastWorkingDay: c.lastWorkingDay,
    openedAt: c.createdAt,
    handedOverAt: closedAt.at(-1) ?? c.createdAt,
    nodes: c.nodes.map((n) => ({
      kind: n.kind,
      deadline: n.deadline,
      ...(n.closedAt ? { closedAt: n.closedAt } : {}),
      late: n.overdueSince !== undefined || (n.closedAt !== undefined && n.closedAt > n.deadline),
    })),
    ...Object.assign({}, ...sections),
    signatures: [...signatures.values()].sort(
      (a, b) => a.at.localeCompare(b.at) || a.signature.localeCompare(b.signature),
    ),
    revocation: ordered
      .filter((e) => revocationActions.has(e.action))
      .map((e) => ({ at: e.at, action: e.action, details: e.details })),
    attemptsAfterRevocation: [...attempts]
      .sort((a, b) => a.firstAt.localeCompare(b.firstAt))
      .map(({ firstAt, lastAt, action, target, reason, count }) => ({
        firstAt,
        lastAt,
        action,
        target,
        reason,
        count,
      })),
    timeline: ordered.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, hash: e.hash })),
  };
}

/** The same report as a page to read and print, in Chinese and English. */
export function reportHtml(report: HandoverReport): string {
  const kit = reportKit(report);
  const { escapeHtml, section, table, when, who } = kit;
  const names = (kind: string) => {
    const known = nodeKinds.some((k) => k.kind === kind) ? nodeKindOf(kind).names : undefined;
    return `${known?.['zh-CN'] ?? kind} ${known?.en ?? ''}`;
  };
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>离职交接报告 Handover report — ${escapeHtml(report.employee.name)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}code{font-size:.8em;word-break:break-all}</style></head>
<body>
<h1>离职交接报告 / Handover report</h1>
<p>${escapeHtml(who(report.employee.id))} · 最后工作日 Last working day ${escapeHtml(report.lastWorkingDay)} · 模板 Template ${escapeHtml(report.templateId)} · 案件 Case ${escapeHtml(report.caseId)}</p>
<p>时间均为公司时区 Times are on the company's clock: ${escapeHtml(report.timeZone)}</p>
${section(
  '交接节点',
  'Nodes',
  table(
    ['节点 Node', '截止 Deadline', '关闭 Closed', '逾期 Late'],
    report.nodes.map((n) => [
      names(n.kind),
      when(n.deadline),
      n.closedAt ? when(n.closedAt) : '—',
      n.late ? '是 yes' : '否 no',
    ]),
  ),
)}
${nodeKinds.map((kind) => kind.report.html(report as never, kit)).join('\n')}
${section(
  '签名',
  'Signatures',
  table(
    ['签署人 Signer', '时间 At', '内容 Action', 'SHA-256', '签名 Signature'],
    report.signatures.map((s) => [who(s.signer), when(s.at), s.action, s.statementSha256, s.signature]),
  ),
)}
${section(
  '权限回收',
  'Revocation of access',
  table(
    ['时间 At', '事件 Event', '详情 Details'],
    report.revocation.map((r) => [when(r.at), r.action, JSON.stringify(r.details)]),
  ),
)}
${section(
  '权限回收后的尝试',
  'Attempts after revocation',
  table(
    ['首次 First', '最近 Last', '操作 Action', '对象 Target', '原因 Reason', '次数 Count'],
    report.attemptsAfterRevocation.map((a) => [
      when(a.firstAt),
      when(a.lastAt),
      a.action,
      a.target,
      a.reason,
      a.count,
    ]),
  ),
)}
${section(
  '证据记录',
  'Evidence timeline',
  table(
    ['#', '时间 At', '操作人 Actor', '事件 Event', 'Hash'],
    report.timeline.map((t) => [t.seq, when(t.at), who(t.actor), t.action, t.hash]),
  ),
)}
</body></html>
`;
}
