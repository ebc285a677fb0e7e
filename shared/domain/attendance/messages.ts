import type { MessageCatalogue } from '#kernel/locale.ts';

/** What attendance tells people: a claim to decide, and the decision. */
export const attendanceMessages = {
  'attendance.overtimeClaimed': {
    'zh-CN': (p) => ({
      title: `加班申请待审批：${p.employee}`,
      body: `${p.employee} 申请 ${p.workDate} 加班 ${p.hours} 小时（打卡记录支持 ${p.evidencedHours} 小时）。原因：${p.reason}${p.flagged === 'yes' ? '。申请超出打卡记录，已标记。' : ''}`,
    }),
    en: (p) => ({
      title: `Overtime to decide: ${p.employee}`,
      body: `${p.employee} claims ${p.hours} h of overtime on ${p.workDate} (the punches evidence ${p.evidencedHours} h). Reason: ${p.reason}${p.flagged === 'yes' ? '. The claim exceeds the punches and is flagged.' : ''}`,
    }),
  },
  'attendance.overtimeDecided': {
    'zh-CN': (p) => ({
      title: `加班申请${p.outcome === 'approved' ? '已批准' : '未批准'}：${p.workDate}`,
      body: `${p.by} ${p.outcome === 'approved' ? '批准' : '驳回'}了您 ${p.workDate} 的 ${p.hours} 小时加班申请：${p.comment}`,
    }),
    en: (p) => ({
      title: `Overtime ${p.outcome}: ${p.workDate}`,
      body: `${p.by} ${p.outcome} your claim of ${p.hours} h on ${p.workDate}: ${p.comment}`,
    }),
  },
} satisfies MessageCatalogue;
