import type { MessageCatalogue } from '#kernel/locale.ts';

/** What offboarding tells people: the handover's opening, reminders, escalations, results. */
export const offboardingMessages = {
  'case.opened': {
    'zh-CN': (p) => ({
      title: `离职交接已开始：${p.employee}`,
      body: `${p.employee} 的最后工作日为 ${p.lastWorkingDay}。交接事项：${p.nodes}。请在截止日期前完成您负责的部分。`,
    }),
    en: (p) => ({
      title: `Handover started: ${p.employee}`,
      body: `${p.employee}'s last working day is ${p.lastWorkingDay}. Handover: ${p.nodes}. Please finish your part before its deadline.`,
    }),
  },
  'node.reminder': {
    'zh-CN': (p) => ({
      title: `提醒：${p.node}还剩 ${p.days} 天`,
      body: `${p.employee} 的离职交接中，${p.node}将于 ${p.deadline} 截止，您还有未完成的事项：${p.owed}。`,
    }),
    en: (p) => ({
      title: `Reminder: ${p.days} day(s) left for ${p.node}`,
      body: `In ${p.employee}'s handover, ${p.node} is due ${p.deadline}. Still open on your side: ${p.owed}.`,
    }),
  },
  'node.overdue': {
    'zh-CN': (p) => ({
      title: `已逾期：${p.employee} 的${p.node}`,
      body: `${p.node}已于 ${p.deadline} 截止但尚未完成。未完成：${p.owed}。请跟进或重新分配。`,
    }),
    en: (p) => ({
      title: `Overdue: ${p.node} of ${p.employee}`,
      body: `${p.node} was due ${p.deadline} and is not done. Still open: ${p.owed}. Please follow up or reassign.`,
    }),
  },
  'item.rejected': {
    'zh-CN': (p) => ({
      title: `客户交接被拒绝：${p.customer}`,
      body: `${p.successor} 拒绝接收 ${p.customer}，原因：${p.reason}。请重新分配接收人。`,
    }),
    en: (p) => ({
      title: `Customer handover rejected: ${p.customer}`,
      body: `${p.successor} rejected ${p.customer}: ${p.reason}. Please reassign it.`,
    }),
  },
  'items.assigned': {
    'zh-CN': (p) => ({
      title: `请接收客户：${p.count} 个`,
      body: `${p.employee} 的 ${p.count} 个客户交由您接收，请在 ${p.deadline} 前逐一确认。`,
    }),
    en: (p) => ({
      title: `${p.count} customer(s) to take over`,
      body: `${p.count} of ${p.employee}'s customers are handed to you. Please accept them by ${p.deadline}.`,
    }),
  },
  'team.assigned': {
    'zh-CN': (p) => ({
      title: `请接管团队成员：${p.count} 人`,
      body: `${p.employee} 的 ${p.count} 名直属下属将改为向您汇报，请在 ${p.deadline} 前确认。`,
    }),
    en: (p) => ({
      title: `${p.count} team member(s) to take over`,
      body: `${p.count} of ${p.employee}'s direct reports will report to you. Please confirm by ${p.deadline}.`,
    }),
  },
  'report.submitted': {
    'zh-CN': (p) => ({
      title: `工作交接报告待审批：${p.employee}`,
      body: `${p.employee} 已提交工作交接报告，请审批或退回。`,
    }),
    en: (p) => ({
      title: `Work report to review: ${p.employee}`,
      body: `${p.employee} submitted the work report. Please approve it or return it.`,
    }),
  },
  'report.returned': {
    'zh-CN': (p) => ({
      title: '工作交接报告被退回',
      body: `${p.manager} 退回了您的工作交接报告：${p.comment}`,
    }),
    en: (p) => ({
      title: 'Work report returned',
      body: `${p.manager} returned your work report: ${p.comment}`,
    }),
  },
  'case.completed': {
    'zh-CN': (p) => ({
      title: `离职交接已完成：${p.employee}`,
      body: `全部交接事项已关闭，客户已转交接收人，交接报告已生成（SHA-256 ${p.sha256}）。`,
    }),
    en: (p) => ({
      title: `Handover complete: ${p.employee}`,
      body: `Every handover node is closed, customers belong to their successors, and the report is stored (SHA-256 ${p.sha256}).`,
    }),
  },
  'case.withdrawn': {
    'zh-CN': (p) => ({
      title: `离职已撤回：${p.employee}`,
      body: `${p.employee} 的离职申请已撤回，未完成的交接事项已取消。`,
    }),
    en: (p) => ({
      title: `Resignation withdrawn: ${p.employee}`,
      body: `${p.employee}'s resignation was withdrawn; open handover nodes are cancelled.`,
    }),
  },
  'case.needs-attention': {
    'zh-CN': (p) => ({
      title: `离职交接需要处理：${p.employee}`,
      body: `交接流程出错并已暂停：${p.reason}。`,
    }),
    en: (p) => ({
      title: `Handover needs attention: ${p.employee}`,
      body: `The handover workflow failed and stopped: ${p.reason}.`,
    }),
  },
  'access.ending': {
    'zh-CN': (p) => ({
      title: `账号即将停用：${p.employee}`,
      body: `${p.employee} 的账号将于 ${p.at}（公司时间）停用，届时所有访问权限结束。请在此之前完成剩余的交接事项。`,
    }),
    en: (p) => ({
      title: `Account ends soon: ${p.employee}`,
      body: `${p.employee}'s account will be disabled at ${p.at} (company time), ending all access. Please finish what is left of the handover before then.`,
    }),
  },
  'background.failed': {
    'zh-CN': (p) => ({
      title: `后台任务失败：${p.step}`,
      body: `${p.step} 在多次重试后仍然失败（${p.subject}）：${p.reason}。需要人工处理。`,
    }),
    en: (p) => ({
      title: `A background step failed: ${p.step}`,
      body: `${p.step} still failed after its retries (${p.subject}): ${p.reason}. It needs a person.`,
    }),
  },
  'compliance.summary': {
    'zh-CN': (p) => ({
      title: `合规检查修复了 ${p.count} 项`,
      body: `每日合规检查发现并修复了以下问题：\n${p.fixes}`,
    }),
    en: (p) => ({
      title: `Compliance sweep fixed ${p.count} thing(s)`,
      body: `The daily compliance sweep found and fixed:\n${p.fixes}`,
    }),
  },
} satisfies MessageCatalogue;
