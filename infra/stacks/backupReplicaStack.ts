import { Aws, Duration, RemovalPolicy, Stack, type StackProps } from 'aws-cdk-lib';
import { Key } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectLockRetention,
  ObjectOwnership,
} from 'aws-cdk-lib/aws-s3';
import type { Construct } from 'constructs';

/** The off-site copy's bucket name: fixed, so that the source bucket can name it from another region. */
export const replicaBucketName = (region: string) => `hr-backups-replica-${Aws.ACCOUNT_ID}-${region}`;
/** The replica key's alias: S3 replication names the key by it (a key ARN is unknown across regions). */
export const replicaKeyAlias = 'alias/hr-backups-replica';

/**
 * The off-site copy of the backups, in a second region: a bucket that S3 replication fills, locked
 * like the source (compliance mode), versioned, private, TLS only. Deployed before the stateful stack.
 */
export class BackupReplicaStack extends Stack {
  constructor(scope: Construct, id: string, props: StackProps & { retentionDays: number }) {
    super(scope, id, props);
    const logs = new Bucket(this, 'ReplicaAccessLogs', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // Replicas are encrypted with this region's own key: no key is shared across regions.
    const key = new Key(this, 'ReplicaKey', {
      alias: replicaKeyAlias,
      description: 'Key-person HR: encrypts the off-site copy of the backups',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    new Bucket(this, 'ReplicaBucket', {
      bucketName: replicaBucketName(this.region),
      encryption: BucketEncryption.KMS,
      encryptionKey: key,
      bucketKeyEnabled: true,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(props.retentionDays)),
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: logs,
      serverAccessLogsPrefix: 'replica/',
      removalPolicy: RemovalPolicy.RETAIN,
    });
  }
}
