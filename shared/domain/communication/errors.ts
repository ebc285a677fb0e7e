import type { ProblemEntry } from '#kernel/errors.ts';

export const communicationProblems = {
  notice_exists: {
    kind: 'conflict',
    meaning: 'A notice with this id exists',
    zh: '已有使用此编号的通知。',
  },
  notice_version_changed: {
    kind: 'conflict',
    meaning: 'The notice has a newer version than the one acknowledged: read it again',
    zh: '该通知已有更新的版本，请重新阅读后再确认。',
  },
  notice_acknowledged: {
    kind: 'conflict',
    meaning: 'This version of the notice is acknowledged already',
    zh: '该版本的通知已确认。',
  },
  notice_no_acknowledgement: {
    kind: 'conflict',
    meaning: 'The notice does not ask for acknowledgement',
    zh: '该通知无需确认。',
  },
  notice_delivering: {
    kind: 'conflict',
    meaning: 'The notice is still being delivered; correct it once delivery is done',
    zh: '该通知仍在发送中，发送完成后才能更正。',
  },
  audience_empty: {
    kind: 'invalid',
    meaning: 'The audience names nobody who works here now',
    zh: '受众中没有在职员工。',
  },
  audience_too_large: {
    kind: 'invalid',
    meaning: 'The audience is larger than a notice may have',
    zh: '受众人数超过单条通知的上限。',
  },
  attachment_missing: {
    kind: 'invalid',
    meaning: 'No file was uploaded for this attachment id',
    zh: '该附件编号下没有已上传的文件。',
  },
  feedback_token_invalid: {
    kind: 'forbidden',
    meaning: 'The feedback token is not one this company signed for this month or the last',
    zh: '该反馈凭证无效（非本公司本月或上月签发）。',
  },
  feedback_token_spent: {
    kind: 'conflict',
    meaning: 'The feedback token was spent already',
    zh: '该反馈凭证已使用。',
  },
  feedback_quota_reached: {
    kind: 'conflict',
    meaning: 'The monthly number of feedback tokens is reached',
    zh: '本月可领取的反馈凭证已达上限。',
  },
  question_unanswered: {
    kind: 'conflict',
    meaning: 'The question has no answer from HR yet',
    zh: '该问题尚未得到人力资源部的答复。',
  },
  wecom_signature_invalid: {
    kind: 'forbidden',
    meaning: 'The callback is not signed and encrypted by this company’s WeCom',
    zh: '回调未经本企业微信签名或加密。',
  },
} as const satisfies Record<string, ProblemEntry>;
