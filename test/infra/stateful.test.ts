import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Synthesized, synthesize } from './support/synth.ts';

let synth: Synthesized;
beforeAll(() => {
  synth = synthesize({ context: { backupRetentionDays: 90 } });
});

describe('stateful stack', () => {
  it('keeps the logical ids of everything that holds data (a rename must never replace a table)', () => {
    const ids = (type: string) => Object.keys(synth.stateful.findResources(type)).sort();
    expect(ids('AWS::DynamoDB::Table')).toEqual(['EvidenceTable', 'HrTable', 'IdempotencyTable']);
    expect(ids('AWS::S3::Bucket')).toEqual(['AccessLogsBucket', 'BackupsBucket', 'ReportsBucket']);
    expect(ids('AWS::KMS::Key')).toEqual(['DataKey', 'OpsKey', 'SigningKey']);
    expect(ids('AWS::SecretsManager::Secret')).toEqual(['CursorSecret']);
  });

  it('protects every table: PITR, deletion protection, the data key, retained on stack deletion', () => {
    const tables = synth.stateful.findResources('AWS::DynamoDB::Table');
    for (const [id, table] of Object.entries(tables)) {
      expect(table.DeletionPolicy, id).toBe('Retain');
      expect(table.Properties.DeletionProtectionEnabled, id).toBe(true);
      expect(table.Properties.PointInTimeRecoverySpecification, id).toEqual({
        PointInTimeRecoveryEnabled: true,
      });
      expect(table.Properties.SSESpecification, id).toMatchObject({
        SSEEnabled: true,
        SSEType: 'KMS',
        KMSMasterKeyId: { 'Fn::GetAtt': ['DataKey', 'Arn'] },
      });
      expect(table.Properties.BillingMode, id).toBe('PAY_PER_REQUEST');
    }
  });

  it('gives Hr its two GSIs and a TTL attribute, and Evidence its subject and case indexes', () => {
    synth.stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'gsi1' }),
        Match.objectLike({ IndexName: 'gsi2' }),
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
    synth.stateful.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'chain', KeyType: 'HASH' },
        { AttributeName: 'seq', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        Match.objectLike({ IndexName: 'bySubject' }),
        Match.objectLike({ IndexName: 'byCase' }),
      ],
    });
  });

  it('encrypts, versions, blocks public access to and logs the backup and report buckets', () => {
    for (const id of ['BackupsBucket', 'ReportsBucket']) {
      const bucket = synth.stateful.toJSON().Resources[id];
      expect(bucket.DeletionPolicy).toBe('Retain');
      expect(bucket.Properties).toMatchObject({
        VersioningConfiguration: { Status: 'Enabled' },
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [
            {
              BucketKeyEnabled: true,
              ServerSideEncryptionByDefault: {
                SSEAlgorithm: 'aws:kms',
                KMSMasterKeyID: { 'Fn::GetAtt': ['DataKey', 'Arn'] },
              },
            },
          ],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        LoggingConfiguration: { DestinationBucketName: { Ref: 'AccessLogsBucket' } },
      });
    }
  });

  it('refuses any request without TLS on every bucket', () => {
    const policies = Object.values(synth.stateful.findResources('AWS::S3::BucketPolicy'));
    expect(policies).toHaveLength(3);
    for (const policy of policies) {
      expect(policy.Properties.PolicyDocument.Statement).toContainEqual(
        expect.objectContaining({
          Effect: 'Deny',
          Action: 's3:*',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        }),
      );
    }
  });

  it('locks backups in compliance mode for the configured retention', () => {
    synth.stateful.hasResourceProperties('AWS::S3::Bucket', {
      ObjectLockEnabled: true,
      ObjectLockConfiguration: {
        ObjectLockEnabled: 'Enabled',
        Rule: { DefaultRetention: { Mode: 'COMPLIANCE', Days: 90 } },
      },
    });
  });

  it('rotates the encryption keys, and keeps an asymmetric P-256 key for signatures that verify for years', () => {
    const keys = synth.stateful.findResources('AWS::KMS::Key');
    expect(keys.DataKey?.Properties.EnableKeyRotation).toBe(true);
    expect(keys.OpsKey?.Properties.EnableKeyRotation).toBe(true);
    expect(keys.SigningKey).toMatchObject({
      DeletionPolicy: 'Retain',
      Properties: { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' },
    });
    expect(synth.stateful.findOutputs('SigningKeyArn')).toHaveProperty('SigningKeyArn');
  });
});
