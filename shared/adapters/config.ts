/**
 * Function configuration. The CDK sets these environment variables from the function manifest
 * (infra reads `envNames`), the local runtime sets the same ones. A function reads only what it
 * needs, once at cold start, and fails loudly on a missing value instead of half-working.
 */
export const envNames = {
  hrTable: 'HR_TABLE_NAME',
  evidenceTable: 'EVIDENCE_TABLE_NAME',
  idempotencyTable: 'IDEMPOTENCY_TABLE_NAME',
  backupBucket: 'BACKUP_BUCKET_NAME',
  reportsBucket: 'REPORTS_BUCKET_NAME',
  eventBus: 'EVENT_BUS_NAME',
  scheduleGroup: 'SCHEDULE_GROUP_NAME',
  schedulerRoleArn: 'SCHEDULER_ROLE_ARN',
  schedulerDeadLetterArn: 'SCHEDULER_DLQ_ARN',
  userPoolId: 'USER_POOL_ID',
  cursorSecret: 'CURSOR_SECRET_ARN',
  companyTimeZone: 'COMPANY_TIME_ZONE',
  exportRowCap: 'EXPORT_ROW_CAP',
  maxNoticeDays: 'MAX_NOTICE_DAYS',
  accountGraceDays: 'ACCOUNT_GRACE_DAYS',
  identityRetentionDays: 'IDENTITY_RETENTION_DAYS',
  scheduleTargets: 'SCHEDULE_TARGETS',
  functionNames: 'FUNCTION_NAMES',
  signingKey: 'SIGNING_KEY_ARN',
  mailFrom: 'MAIL_FROM',
  stateMachines: 'STATE_MACHINES',
  feedbackKeyPrefix: 'FEEDBACK_KEY_PREFIX',
  feedbackPerMonth: 'FEEDBACK_PER_MONTH',
  questionAnswerDays: 'QUESTION_ANSWER_DAYS',
  wecomCorpId: 'WECOM_CORP_ID',
  wecomAgentId: 'WECOM_AGENT_ID',
  wecomApiBase: 'WECOM_API_BASE',
  wecomSecret: 'WECOM_SECRET_ARN',
  wecomAppUrl: 'WECOM_APP_URL',
} as const;

export type ConfigKey = keyof typeof envNames;

const cache = new Map<ConfigKey, string>();

export class MissingConfigurationError extends Error {
  constructor(key: ConfigKey) {
    super(`Missing configuration: set ${envNames[key]} (${key}).`);
    this.name = 'MissingConfigurationError';
  }
}

export function config(key: ConfigKey): string {
  const cached = cache.get(key);
  if (cached !== undefined) return cached;
  const value = process.env[envNames[key]];
  if (!value) throw new MissingConfigurationError(key);
  cache.set(key, value);
  return value;
}
