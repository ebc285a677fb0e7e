import { Aws } from 'aws-cdk-lib';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { envNames } from '#adapters/config.ts';
import { inboxPrefix } from '#domain/communication/index.ts';
import type { Needs } from '#functions/manifest.ts';
import { type TableId, tables } from '../data/definitions.ts';
import type { DataRefs } from '../data/refs.ts';

/** Stateless resources a function may be granted, besides the data of the stateful stack. */
export interface PlatformRefs {
  eventBus: { name: string; arn: string };
  scheduler: { groupName: string; roleArn: string; deadLetterArn: string };
  userPool: { id: string; arn: string };
  /** The verified SES sender of notification mail, when the company configured one. */
  mailFrom?: string | undefined;
  /** Where the months' feedback keys are kept in Secrets Manager: `<prefix>/<month>`. */
  feedbackKeyPrefix: string;
  /** WeCom, when the company uses it: who it is, and where a card's link opens. */
  wecom?: { corpId: string; agentId: string; appUrl: string } | undefined;
}

export interface FunctionAccess {
  statements: PolicyStatement[];
  environment: Record<string, string>;
  /** Resources that necessarily end in a wildcard (cdk-nag IAM5), with the reason that is acceptable. */
  wildcardResources: { resource: string; reason: string }[];
}

const tableRead = [
  'dynamodb:GetItem',
  'dynamodb:BatchGetItem',
  'dynamodb:Query',
  'dynamodb:ConditionCheckItem',
];
const tableWrite = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];
const tableScan = ['dynamodb:Scan', 'dynamodb:DescribeTable'];
const keyRead = ['kms:Decrypt', 'kms:DescribeKey'];
const keyWrite = [...keyRead, 'kms:Encrypt', 'kms:GenerateDataKey'];

const tableEnv: Record<TableId, keyof typeof envNames> = {
  hr: 'hrTable',
  evidence: 'evidenceTable',
  idempotency: 'idempotencyTable',
};

/** A table and each of its indexes by name: no `index/*` wildcard. */
const tableResources = (tableId: TableId, arn: string) => [
  arn,
  ...tables[tableId].globalIndexes.map((index) => `${arn}/index/${index.name}`),
];

/**
 * Least privilege from the manifest: each declared need becomes the exact actions on the exact
 * resources, plus the environment variable that names the resource.
 */
export function functionAccess(needs: Needs, data: DataRefs, platform: PlatformRefs): FunctionAccess {
  const statements: PolicyStatement[] = [];
  const environment: Record<string, string> = {};
  const wildcardResources: FunctionAccess['wildcardResources'] = [];
  const keyActions = new Set<string>();
  const allow = (actions: string[], resources: string[]) =>
    statements.push(new PolicyStatement({ actions, resources }));

  const tableNeeds: [TableId, string][] = [
    ...(Object.entries(needs.tables ?? {}) as [TableId, string][]),
    ...(needs.evidence ? [['evidence', needs.evidence] as [TableId, string]] : []),
  ];
  for (const [tableId, level] of tableNeeds) {
    const table = data.tables[tableId];
    const actions = {
      read: tableRead,
      write: [...tableRead, ...tableWrite],
      // Evidence: add entries, never change or remove one.
      append: [...tableRead, 'dynamodb:PutItem'],
      scan: [...tableRead, ...tableScan],
      'scan+write': [...tableRead, ...tableScan, ...tableWrite],
      'scan+append': [...tableRead, ...tableScan, 'dynamodb:PutItem'],
      // Refilling an empty evidence table: puts that never overwrite, and one Scan to see that it is empty.
      restore: [...tableRead, 'dynamodb:Scan', 'dynamodb:PutItem'],
    }[level] as string[];
    allow(actions, tableResources(tableId, table.arn));
    environment[envNames[tableEnv[tableId]]] = table.name;
    for (const a of ['read', 'scan'].includes(level) ? keyRead : keyWrite) keyActions.add(a);
  }

  for (const [bucketId, level] of Object.entries(needs.buckets ?? {}) as [
    keyof DataRefs['buckets'],
    'read' | 'write',
  ][]) {
    const bucket = data.buckets[bucketId];
    const objects = `${bucket.arn}/*`;
    allow(['s3:ListBucket'], [bucket.arn]);
    allow(
      level === 'write' ? ['s3:GetObject', 's3:PutObject', 's3:AbortMultipartUpload'] : ['s3:GetObject'],
      [objects],
    );
    environment[envNames[bucketId === 'backups' ? 'backupBucket' : 'reportsBucket']] = bucket.name;
    for (const a of level === 'write' ? keyWrite : keyRead) keyActions.add(a);
    wildcardResources.push({
      resource: objects,
      reason: `Objects in the ${bucketId} bucket are named at run time (ids, dates); access stays inside that one bucket and excludes DeleteObject.`,
    });
  }

  if (needs.notices) {
    // Only items whose partition key is an inbox: marking a notice read cannot touch anything else.
    statements.push(
      new PolicyStatement({
        actions: ['dynamodb:UpdateItem'],
        resources: [data.tables.hr.arn],
        conditions: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [`${inboxPrefix}*`] } },
      }),
    );
    environment[envNames.hrTable] = data.tables.hr.name;
    for (const a of keyWrite) keyActions.add(a);
  }
  if (needs.cursorKey) {
    allow(['secretsmanager:GetSecretValue'], [data.cursorSecretArn]);
    environment[envNames.cursorSecret] = data.cursorSecretArn;
    keyActions.add('kms:Decrypt');
  }
  if (needs.feedbackKeys) {
    // One secret per month, made at run time by the first signer: named under the stack's prefix only.
    const secrets = `arn:${Aws.PARTITION}:secretsmanager:${Aws.REGION}:${Aws.ACCOUNT_ID}:secret:${platform.feedbackKeyPrefix}/*`;
    allow(
      needs.feedbackKeys === 'sign'
        ? ['secretsmanager:GetSecretValue', 'secretsmanager:CreateSecret']
        : ['secretsmanager:GetSecretValue'],
      [secrets],
    );
    environment[envNames.feedbackKeyPrefix] = platform.feedbackKeyPrefix;
    wildcardResources.push({
      resource: secrets,
      reason:
        'The anonymous-feedback keys are one secret per month, named <prefix>/<month> when the month first needs one; access stays under this stack’s prefix.',
    });
  }
  // Whoever tells people by mail tells them through WeCom too, where the company uses it.
  if (platform.wecom && data.wecomSecretArn && (needs.mail || needs.wecom)) {
    allow(['secretsmanager:GetSecretValue'], [data.wecomSecretArn]);
    environment[envNames.wecomSecret] = data.wecomSecretArn;
    environment[envNames.wecomCorpId] = platform.wecom.corpId;
    environment[envNames.wecomAgentId] = platform.wecom.agentId;
    environment[envNames.wecomAppUrl] = platform.wecom.appUrl;
    environment[envNames.hrTable] ??= data.tables.hr.name;
    keyActions.add('kms:Decrypt');
  }
  if (needs.eventBus) {
    allow(['events:PutEvents'], [platform.eventBus.arn]);
    environment[envNames.eventBus] = platform.eventBus.name;
  }
  if (needs.scheduler) {
    const schedules = `arn:${Aws.PARTITION}:scheduler:${Aws.REGION}:${Aws.ACCOUNT_ID}:schedule/${platform.scheduler.groupName}/*`;
    allow(
      [
        'scheduler:CreateSchedule',
        'scheduler:UpdateSchedule',
        'scheduler:DeleteSchedule',
        'scheduler:GetSchedule',
      ],
      [schedules],
    );
    statements.push(
      new PolicyStatement({
        actions: ['iam:PassRole'],
        resources: [platform.scheduler.roleArn],
        conditions: { StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' } },
      }),
    );
    environment[envNames.scheduleGroup] = platform.scheduler.groupName;
    environment[envNames.schedulerRoleArn] = platform.scheduler.roleArn;
    environment[envNames.schedulerDeadLetterArn] = platform.scheduler.deadLetterArn;
    wildcardResources.push({
      resource: schedules,
      reason:
        'Revocation schedules are created per resignation at run time; the grant is limited to the product’s own schedule group.',
    });
  }
  if (needs.identity) {
    allow(
      [
        'cognito-idp:AdminCreateUser',
        'cognito-idp:AdminGetUser',
        'cognito-idp:AdminListGroupsForUser',
        'cognito-idp:AdminAddUserToGroup',
        'cognito-idp:AdminRemoveUserFromGroup',
        'cognito-idp:AdminDisableUser',
        'cognito-idp:AdminEnableUser',
        'cognito-idp:AdminUserGlobalSignOut',
        'cognito-idp:AdminDeleteUser',
      ],
      [platform.userPool.arn],
    );
    environment[envNames.userPoolId] = platform.userPool.id;
  }
  if (needs.mail && platform.mailFrom) {
    // The sender may be verified as an address or as its domain: either identity, nothing else.
    const identity = (name: string) =>
      `arn:${Aws.PARTITION}:ses:${Aws.REGION}:${Aws.ACCOUNT_ID}:identity/${name}`;
    const domain = platform.mailFrom.split('@')[1] ?? platform.mailFrom;
    allow(['ses:SendEmail'], [identity(platform.mailFrom), identity(domain)]);
    environment[envNames.mailFrom] = platform.mailFrom;
  }
  if (needs.signer) {
    // The signing key signs and shows its public half; nobody, not even this product, can export the private one.
    allow(needs.signer === 'sign' ? ['kms:Sign', 'kms:GetPublicKey'] : ['kms:GetPublicKey'], [
      data.signingKeyArn,
    ]);
    environment[envNames.signingKey] = data.signingKeyArn;
  }
  if (keyActions.size > 0) allow([...keyActions].sort(), [data.dataKeyArn]);
  return { statements, environment, wildcardResources };
}
