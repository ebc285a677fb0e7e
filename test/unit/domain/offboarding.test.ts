import { describe, expect, it } from 'vitest';
import { nodeKindOf } from '#app/offboarding/handover/nodes/index.ts';
import { parseTemplate } from '#app/offboarding/handover/templates.ts';
import { render, renderBoth } from '#domain/messages.ts';
import { type CaseNode, listsOf, nextEvent, planNodes, replanNodes } from '#domain/offboarding/case.ts';
import { defaultTemplates, type OffboardingTemplate, pickTemplate } from '#domain/offboarding/template.ts';

const sales = defaultTemplates.find((t) => t.id === 'sales') as OffboardingTemplate;

describe('templates', () => {
  it('are picked by department first, then by position words, else the general one', () => {
    const pick = (departmentId: string, position: string) =>
      pickTemplate(defaultTemplates, { departmentId, position })?.id;
    expect(pick('D02', '销售 Sales Representative')).toBe('sales');
    // Those who lead a sales team hand over their team too.
    expect(pick('D02', '销售总监 Sales Director')).toBe('sales-lead');
    expect(pick('D02', '销售经理 Sales Team Lead')).toBe('sales-lead');
    expect(pick('D03', '高级工程师 Senior Engineer')).toBe('engineering');
    expect(pick('D07', '财务经理 Finance Manager')).toBe('manager');
    expect(pick('D05', '行政助理 Office Assistant')).toBe('general');
  });

  it('are checked as a whole: one node per kind, the right confirmer, sections only for the work report', () => {
    expect(defaultTemplates.every((t) => parseTemplate(t).success)).toBe(true);
    const wrong = parseTemplate({
      ...sales,
      nodes: [
        {
          kind: 'customers',
          deadlineOffsetDays: -3,
          remindDaysBefore: [2, 2],
          confirmedBy: 'admin_office',
          sections: ['team'],
        },
        { kind: 'customers', deadlineOffsetDays: -3, remindDaysBefore: [], confirmedBy: 'successor' },
      ],
      match: { departmentIds: [], positionWords: [], anyone: false },
    });
    expect(wrong.success).toBe(false);
    const paths = wrong.success ? [] : wrong.issues.map((i) => i.field);
    expect(paths).toEqual(
      expect.arrayContaining([
        'nodes.0.confirmedBy',
        'nodes.0.sections',
        'nodes.0.remindDaysBefore',
        'nodes.1.kind',
        'match',
      ]),
    );
  });
});

describe('case nodes', () => {
  // Wang Fang's last working day is Monday 2026-11-16; the company is in Shanghai (UTC+8).
  const nodes = planNodes(sales, '2026-11-16', 'Asia/Shanghai');

  it('are due at the end of their day in the company time zone, with reminders two days and one day before', () => {
    expect(nodes.map((n) => [n.kind, n.deadline])).toEqual([
      ['customers', '2026-11-13T16:00:00.000Z'], // the end of 11-13 (D−3) in Shanghai
      ['work-report', '2026-11-14T16:00:00.000Z'],
      ['assets', '2026-11-16T16:00:00.000Z'],
    ]);
    expect(nodes[0]?.remindAt).toEqual(['2026-11-11T16:00:00.000Z', '2026-11-12T16:00:00.000Z']);
  });

  it('tell the workflow what comes next: a reminder, the deadline, then nothing but waiting', () => {
    const node = nodes[0] as CaseNode;
    expect(nextEvent(node, new Date('2026-11-02T01:00:00Z'))).toEqual({
      at: '2026-11-11T16:00:00.000Z',
      kind: 'remind',
    });
    const reminded = { ...node, remindersSent: [...node.remindAt] };
    expect(nextEvent(reminded, new Date('2026-11-12T17:00:00Z'))).toEqual({
      at: node.deadline,
      kind: 'deadline',
    });
    expect(
      nextEvent({ ...reminded, overdueSince: node.deadline }, new Date('2026-11-14T00:00:00Z')),
    ).toBeUndefined();
  });

  it('move with the last working day, keeping closed nodes and the reminders already sent that still apply', () => {
    const [customers, work, assets] = nodes as [CaseNode, CaseNode, CaseNode];
    const moved = replanNodes(
      [
        { ...customers, status: 'closed' },
        { ...work, remindersSent: [work.remindAt[0] as string], overdueSince: 'x' },
        assets,
      ],
      sales,
      '2026-11-11',
      'Asia/Shanghai',
    );
    expect(moved[0]?.deadline).toBe(customers.deadline);
    expect(moved[1]).toMatchObject({ deadline: '2026-11-09T16:00:00.000Z', remindersSent: [] });
    expect(moved[1]?.overdueSince).toBeUndefined();
    expect(moved[2]?.deadline).toBe('2026-11-11T16:00:00.000Z');
  });

  it('are complete when every customer is accepted, the report approved, and every asset accounted for', () => {
    const complete = (kind: string, items: unknown[]) => nodeKindOf(kind).complete(items as never);
    const customer = (status: 'pending' | 'accepted' | 'rejected') => ({
      node: 'customers',
      id: 'C1',
      status,
    });
    expect(complete('customers', [customer('accepted'), customer('rejected')])).toBe(false);
    expect(complete('customers', [customer('accepted')])).toBe(true);
    expect(complete('customers', [])).toBe(true);
    expect(complete('work-report', [{ node: 'work-report', status: 'submitted' }])).toBe(false);
    expect(complete('assets', [{ node: 'assets', status: 'lost' }])).toBe(true);
  });

  it('put a case on the overdue list only while a late node is open', () => {
    const late = { ...(nodes[0] as CaseNode), overdueSince: '2026-11-13T16:00:00.000Z' };
    expect(listsOf({ status: 'open', nodes: [late] })).toEqual(['open', 'overdue']);
    expect(listsOf({ status: 'open', nodes: [{ ...late, status: 'closed' }] })).toEqual(['open']);
    expect(listsOf({ status: 'completed', nodes: [late] })).toEqual(['completed']);
  });
});

describe('messages', () => {
  it('speak the recipient’s language, and both to a shared inbox', () => {
    const params = {
      employee: { 'zh-CN': '王芳', en: 'Wang Fang' },
      node: { 'zh-CN': '客户交接', en: 'the customer handover' },
      days: '2',
      deadline: '2026-11-13',
      owed: '3',
    };
    expect(render('node.reminder', 'zh-CN', params).title).toBe('提醒：客户交接还剩 2 天');
    expect(render('node.reminder', 'en', params).title).toBe(
      'Reminder: 2 day(s) left for the customer handover',
    );
    expect(renderBoth('node.reminder', params).body).toMatch(
      /客户交接将于 2026-11-13 截止[\s\S]*is due 2026-11-13/,
    );
  });
});
