import type { ProblemEntry } from '#kernel/errors.ts';

export const attendanceProblems = {
  site_exists: { kind: 'conflict', meaning: 'A site has this id', zh: '已有此编号的地点。' },
  shift_exists: { kind: 'conflict', meaning: 'A shift has this id', zh: '已有此编号的班次。' },
  location_consent_missing: {
    kind: 'forbidden',
    meaning: 'A punch with a position needs the employee’s recorded consent to location data',
    zh: '未记录本人对位置信息的同意，不能提交带位置的打卡。',
  },
  approver_in_referral_tree: {
    kind: 'forbidden',
    meaning: 'A key person’s overtime is decided by someone outside her referral tree (and never by herself)',
    zh: '关键人员的加班申请须由其推荐关系以外的人审批（本人不能审批）。',
  },
  wecom_not_configured: {
    kind: 'conflict',
    meaning: 'WeCom is not set up for this deployment',
    zh: '本系统尚未配置企业微信。',
  },
  claim_decided: {
    kind: 'conflict',
    meaning: 'The overtime claim has been decided',
    zh: '该加班申请已审批。',
  },
} as const satisfies Record<string, ProblemEntry>;
