import type { MessageCatalogue } from '#kernel/locale.ts';

/** What risk tells HR: a threshold crossed, a key person resigning. */
export const riskMessages = {
  'risk.threshold': {
    'zh-CN': (p) => ({
      title: `关键人员风险：${p.department}`,
      body: `${p.department} 在 ${p.asOf} 越过风险阈值：${p.alerts}。收入巴士系数为 ${p.busFactor}。请查看团队风险视图。`,
    }),
    en: (p) => ({
      title: `Key-person risk: ${p.department}`,
      body: `${p.department} crossed a risk threshold on ${p.asOf}: ${p.alerts}. Its revenue bus factor is ${p.busFactor}. See the team's risk view.`,
    }),
  },
  'risk.keyPersonResigned': {
    'zh-CN': (p) => ({
      title: `关键人员提出离职：${p.employee}`,
      body: `${p.employee}（风险分 ${p.score}）提出离职，最后工作日 ${p.lastWorkingDay}。若其离开，${p.orphaned} 个客户（其中 ${p.keyAccounts} 个重点客户）将无人了解。交接中已为每个客户推荐接收人。`,
    }),
    en: (p) => ({
      title: `A key person resigned: ${p.employee}`,
      body: `${p.employee} (risk score ${p.score}) resigned; last working day ${p.lastWorkingDay}. When they leave, ${p.orphaned} customer(s), ${p.keyAccounts} of them key accounts, are known by nobody else. The handover suggests successors for each customer.`,
    }),
  },
} satisfies MessageCatalogue;
