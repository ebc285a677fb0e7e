import type { EvidenceEntry } from '#domain/evidence/evidence.ts';
import type {
  AssetItem,
  CaseItem,
  CustomerItem,
  OffboardingCase,
  WorkReportItem,
} from '#domain/offboarding/case.ts';
import { nodeNames } from '#domain/offboarding/messages.ts';
import type { Signature } from '#kernel/signature.ts';

/** The handover report: what was handed to whom, who signed what, and how access was taken away. */
export interface HandoverReport {
  caseId: string;
  employee: { id: string; name: string; departmentId: string; managerId?: string };
  templateId: string;
  lastWorkingDay: string;
  openedAt: string;
  handedOverAt: string;
  nodes: { kind: string; deadline: string; closedAt?: string; late: boolean }[];
  customers: { successorId: string; customers: CustomerItem['snapshot'][] }[];
  rejectedOrReassigned: {
    customerId: string;
    name: string;
    rejection?: CustomerItem['rejection'];
    reassigned?: CustomerItem['reassigned'];
  }[];
  workReport?: {
    sections: WorkReportItem['sections'];
    submittedAt?: string;
    comments: WorkReportItem['comments'];
  };
  assets: {
    id: string;
    name: string;
    kind: string;
    status: string;
    condition?: string;
    note?: string;
    costMinor?: number;
  }[];
  signatures: Signature[];
  /** The revocation of access, from the evidence log: stage by stage, permission by permission. */
  revocation: { at: string; action: string; details: Record<string, unknown> }[];
  /** Every evidence entry of the case, in order, with its hash: the report can be checked against the log. */
  timeline: { seq: number; at: string; actor: string; action: string; hash: string }[];
}

const revocationActions = new Set(['permission.revoked', 'revocation.stage-applied', 'account.disabled']);

export function compileReport(
  c: OffboardingCase,
  items: readonly CaseItem[],
  evidence: readonly EvidenceEntry[],
): HandoverReport {
  const customers = items.filter((i): i is CustomerItem => i.node === 'customers');
  const work = items.find((i): i is WorkReportItem => i.node === 'work-report');
  const assets = items.filter((i): i is AssetItem => i.node === 'assets');
  const bySuccessor = new Map<string, CustomerItem['snapshot'][]>();
  for (const item of customers.filter((i) => i.status === 'accepted'))
    bySuccessor.set(item.successorId, [...(bySuccessor.get(item.successorId) ?? []), item.snapshot]);
  const signatures = new Map<string, Signature>();
  for (const item of items) if (item.signature) signatures.set(item.signature.signature, item.signature);
  const ordered = [...evidence].sort((a, b) => a.seq - b.seq);
  const closedAt = c.nodes.flatMap((n) => (n.closedAt ? [n.closedAt] : [])).sort();
  return {
    caseId: c.id,
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
    customers: [...bySuccessor].map(([successorId, list]) => ({
      successorId,
      customers: list.sort((a, b) => a.id.localeCompare(b.id)),
    })),
    rejectedOrReassigned: customers
      .filter((i) => i.rejection || i.reassigned?.length)
      .map((i) => ({
        customerId: i.id,
        name: i.snapshot.name,
        ...(i.rejection ? { rejection: i.rejection } : {}),
        ...(i.reassigned ? { reassigned: i.reassigned } : {}),
      })),
    ...(work
      ? {
          workReport: {
            sections: work.sections,
            ...(work.submittedAt ? { submittedAt: work.submittedAt } : {}),
            comments: work.comments,
          },
        }
      : {}),
    assets: assets.map((a) => ({
      id: a.id,
      name: a.snapshot.name,
      kind: a.snapshot.kind,
      status: a.status,
      ...(a.condition ? { condition: a.condition } : {}),
      ...(a.note ? { note: a.note } : {}),
      ...(a.costMinor !== undefined ? { costMinor: a.costMinor } : {}),
    })),
    signatures: [...signatures.values()].sort(
      (a, b) => a.at.localeCompare(b.at) || a.signature.localeCompare(b.signature),
    ),
    revocation: ordered
      .filter((e) => revocationActions.has(e.action))
      .map((e) => ({ at: e.at, action: e.action, details: e.details })),
    timeline: ordered.map((e) => ({ seq: e.seq, at: e.at, actor: e.actor, action: e.action, hash: e.hash })),
  };
}

const html = (text: unknown) =>
  String(text ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

/** The same report as a page to read and print, in Chinese and English. */
export function reportHtml(report: HandoverReport): string {
  const row = (cells: unknown[]) => `<tr>${cells.map((c) => `<td>${html(c)}</td>`).join('')}</tr>`;
  const table = (head: string[], rows: unknown[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${html(h)}</th>`).join('')}</tr></thead><tbody>${rows.map(row).join('')}</tbody></table>`;
  const section = (zh: string, en: string, body: string) =>
    `<section><h2>${html(zh)} / ${html(en)}</h2>${body}</section>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>离职交接报告 Handover report — ${html(report.employee.name)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei",sans-serif;margin:2rem;max-width:60rem}table{border-collapse:collapse;width:100%;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}th{background:#f4f4f4}code{font-size:.8em;word-break:break-all}</style></head>
<body>
<h1>离职交接报告 / Handover report</h1>
<p>${html(report.employee.name)} (${html(report.employee.id)}) · 最后工作日 Last working day ${html(report.lastWorkingDay)} · 模板 Template ${html(report.templateId)} · 案件 Case ${html(report.caseId)}</p>
${section(
  '交接节点',
  'Nodes',
  table(
    ['节点 Node', '截止 Deadline', '关闭 Closed', '逾期 Late'],
    report.nodes.map((n) => [
      `${nodeNames[n.kind]?.['zh-CN'] ?? n.kind} ${nodeNames[n.kind]?.en ?? ''}`,
      n.deadline,
      n.closedAt ?? '—',
      n.late ? '是 yes' : '否 no',
    ]),
  ),
)}
${section(
  '客户交接',
  'Customers handed over',
  report.customers
    .map(
      (g) =>
        `<h3>→ ${html(g.successorId)}</h3>${table(
          ['ID', '名称 Name', '行业 Industry', '地区 Region', '级别 Tier'],
          g.customers.map((c) => [c.id, c.name, c.industry, c.region, c.tier]),
        )}`,
    )
    .join('') || '<p>—</p>',
)}
${section(
  '拒绝与重新分配',
  'Rejected and reassigned',
  table(
    ['ID', '名称 Name', '记录 Record'],
    report.rejectedOrReassigned.map((r) => [
      r.customerId,
      r.name,
      JSON.stringify({ rejection: r.rejection, reassigned: r.reassigned }),
    ]),
  ),
)}
${section(
  '工作交接报告',
  'Work report',
  report.workReport
    ? Object.entries(report.workReport.sections)
        .map(
          ([name, entries]) =>
            `<h3>${html(name)}</h3>${table(
              ['事项 Item', '说明 Details'],
              (entries ?? []).map((e) => [e.title, e.details]),
            )}`,
        )
        .join('')
    : '<p>—</p>',
)}
${section(
  '资产',
  'Assets',
  table(
    ['ID', '名称 Name', '类别 Kind', '状态 Status', '备注 Note', '费用 Cost (minor units)'],
    report.assets.map((a) => [
      a.id,
      a.name,
      a.kind,
      a.status,
      [a.condition, a.note].filter(Boolean).join('; '),
      a.costMinor ?? '',
    ]),
  ),
)}
${section(
  '签名',
  'Signatures',
  table(
    ['签署人 Signer', '时间 At', '内容 Action', 'SHA-256', '签名 Signature'],
    report.signatures.map((s) => [s.signer, s.at, s.action, s.statementSha256, s.signature]),
  ),
)}
${section(
  '权限回收',
  'Revocation of access',
  table(
    ['时间 At', '事件 Event', '详情 Details'],
    report.revocation.map((r) => [r.at, r.action, JSON.stringify(r.details)]),
  ),
)}
${section(
  '证据记录',
  'Evidence timeline',
  table(
    ['#', '时间 At', '操作人 Actor', '事件 Event', 'Hash'],
    report.timeline.map((t) => [t.seq, t.at, t.actor, t.action, t.hash]),
  ),
)}
</body></html>
`;
}
