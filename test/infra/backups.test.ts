import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { functionManifest } from '#functions/manifest.ts';
import { type Synthesized, synthesize } from './support/synth.ts';

type Statement = { Action: string | string[]; Resource: unknown };
const actionsOf = (synth: Synthesized, functionId: string) => {
  const fn = synth.statelessStack.functions.get(functionId);
  if (!fn) throw new Error(functionId);
  const roleId = synth.statelessStack.getLogicalId(fn.role.node.defaultChild as CfnElement);
  return Object.values(
    synth.stateless.findResources('AWS::IAM::Policy', { Properties: { Roles: [{ Ref: roleId }] } }),
  )
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
    .flatMap((s) =>
      (Array.isArray(s.Action) ? s.Action : [s.Action]).map((action) => ({
        action,
        resource: JSON.stringify(s.Resource),
      })),
    );
};

let local: Synthesized;
let offsite: Synthesized;
beforeAll(() => {
  local = synthesize({ context: { backupHour: 3, backupRetentionDays: 60, backupColdAfterDays: 45 } });
  offsite = synthesize({ context: { replicaRegion: 'eu-west-1' } });
});

describe('backups', () => {
  it('run daily at the configured hour of the company (a cron rule), and on demand', () => {
    // 03:00 in Shanghai is 19:00 UTC the day before.
    local.stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 19 * * ? *)',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^BackupFunction'), 'Arn'] } }),
      ],
    });
    local.stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: { source: ['hr'], 'detail-type': ['BackupRequested'] },
    });
  });

  it('are locked in compliance mode for the configured days, and move to a colder class later', () => {
    local.stateful.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 60 } },
      },
      VersioningConfiguration: { Status: 'Enabled' },
      LifecycleConfiguration: {
        Rules: Match.arrayWith([
          Match.objectLike({ Transitions: [{ StorageClass: 'GLACIER_IR', TransitionInDays: 45 }] }),
        ]),
      },
    });
  });

  it('are copied to a locked bucket in a second region only when one is configured', () => {
    expect(local.replica).toBeUndefined();
    const backups = local.stateful.toJSON().Resources.BackupsBucket;
    expect(backups.Properties.ReplicationConfiguration).toBeUndefined();

    offsite.stateful.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ReplicationConfiguration: {
        Role: Match.anyValue(),
        Rules: [
          Match.objectLike({
            Status: 'Enabled',
            Filter: { Prefix: 'backups/' },
            SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } },
            Destination: Match.objectLike({
              Bucket: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('hr-backups-replica-')])] },
              // Replicas are encrypted with the replica region's own key, named by its alias.
              EncryptionConfiguration: {
                ReplicaKmsKeyID: {
                  'Fn::Join': ['', Match.arrayWith([':kms:eu-west-1:', ':alias/hr-backups-replica'])],
                },
              },
            }),
          }),
        ],
      },
    });
    offsite.replica?.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: { Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 35 } } },
      VersioningConfiguration: { Status: 'Enabled' },
      BucketName: { 'Fn::Join': ['', ['hr-backups-replica-', { Ref: 'AWS::AccountId' }, '-eu-west-1']] },
    });
    offsite.stateful.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Action: ['kms:Encrypt', 'kms:GenerateDataKey'],
            Condition: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/hr-backups-replica' } },
          }),
          Match.objectLike({ Action: ['s3:GetObjectLegalHold', 's3:GetObjectRetention'] }),
        ]),
      },
    });
    offsite.replica?.hasResourceProperties('AWS::KMS::Alias', { AliasName: 'alias/hr-backups-replica' });
    offsite.replica?.hasResourceProperties('AWS::S3::Bucket', {
      BucketEncryption: {
        ServerSideEncryptionConfiguration: [
          Match.objectLike({ ServerSideEncryptionByDefault: Match.objectLike({ SSEAlgorithm: 'aws:kms' }) }),
        ],
      },
    });
    expect(offsite.violations, JSON.stringify(offsite.violations)).toEqual([]);
  });

  it('alarm when no backup succeeded for 26 hours', () => {
    local.alarms.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Namespace: 'KeyPersonHR',
      MetricName: 'BackupSucceeded',
      Period: 3600,
      EvaluationPeriods: 26,
      DatapointsToAlarm: 26,
      ComparisonOperator: 'LessThanThreshold',
      Threshold: 1,
      TreatMissingData: 'breaching',
    });
  });

  it('give the backup job reading and appending, never deleting: no object, no item, no evidence', () => {
    const backup = actionsOf(local, 'Backup');
    expect(backup.map((a) => a.action)).toEqual(
      expect.arrayContaining(['dynamodb:Scan', 's3:PutObject', 'dynamodb:PutItem']),
    );
    expect(backup.filter((a) => /s3:Delete/.test(a.action))).toEqual([]);
    expect(
      backup.filter((a) => /Delete|BatchWrite|Update/.test(a.action) && a.resource.includes('EvidenceTable')),
    ).toEqual([]);
    const restore = actionsOf(local, 'Restore').map((a) => a.action);
    expect(restore.filter((a) => a.startsWith('s3:Delete'))).toEqual([]);
    // No function may batch-write the evidence log (a batch can delete), the Restore function included.
    for (const { id } of functionManifest)
      expect(
        actionsOf(local, id).filter(
          (a) => a.resource.includes('EvidenceTable') && /BatchWrite|Delete|Update/.test(a.action),
        ),
        id,
      ).toEqual([]);
  });
});
