import {
  Aws,
  CfnOutput,
  type CfnResource,
  Duration,
  Fn,
  RemovalPolicy,
  SecretValue,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AttributeType, BillingMode, Table, TableEncryption } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, type Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key, KeySpec, KeyUsage } from 'aws-cdk-lib/aws-kms';
import {
  BlockPublicAccess,
  Bucket,
  BucketEncryption,
  ObjectLockRetention,
  ObjectOwnership,
  StorageClass,
} from 'aws-cdk-lib/aws-s3';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { Construct, IConstruct } from 'constructs';
import type { DeploymentConfig } from '../config.ts';
import { type TableDefinition, type TableId, tables } from '../data/definitions.ts';
import type { DataRefs } from '../data/refs.ts';
import { replicaBucketName, replicaKeyAlias } from './backupReplicaStack.ts';

export interface StatefulStackProps extends StackProps {
  config: DeploymentConfig;
}

/** Pins a stateful resource's logical id: renaming a construct must never replace a table or bucket. */
const pin = (construct: IConstruct, logicalId: string) => {
  (construct.node.defaultChild as CfnResource).overrideLogicalId(logicalId);
};

/**
 * Everything that holds data: keys, tables, buckets, the cursor-signing secret. Retained on stack
 * deletion; deployed separately from the functions so that a code change never touches it.
 */
export class StatefulStack extends Stack {
  readonly refs: DataRefs;

  constructor(scope: Construct, id: string, props: StatefulStackProps) {
    super(scope, id, props);
    const { config } = props;

    const dataKey = new Key(this, 'DataKey', {
      description: 'Encrypts HR tables, backups and reports',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pin(dataKey, 'DataKey');
    const opsKey = new Key(this, 'OpsKey', {
      description: 'Encrypts operational messages: alarm notifications',
      enableKeyRotation: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    opsKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    pin(opsKey, 'OpsKey');
    // Signatures on handover confirmations and reports must verify for years: retained, never rotated
    // (KMS cannot rotate asymmetric keys; a new key would be a new key id in new signatures).
    const signingKey = new Key(this, 'SigningKey', {
      description: 'Signs handover confirmations and reports (ECDSA P-256); its public key is published',
      keySpec: KeySpec.ECC_NIST_P256,
      keyUsage: KeyUsage.SIGN_VERIFY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pin(signingKey, 'SigningKey');

    const tableOf = (tableId: TableId, definition: TableDefinition) => {
      const key = (k: { name: string; type: 'S' | 'N' }) => ({
        name: k.name,
        type: k.type === 'S' ? AttributeType.STRING : AttributeType.NUMBER,
      });
      const table = new Table(this, `${definition.name}Table`, {
        partitionKey: key(definition.partitionKey),
        ...(definition.sortKey ? { sortKey: key(definition.sortKey) } : {}),
        billingMode: BillingMode.PAY_PER_REQUEST,
        encryption: TableEncryption.CUSTOMER_MANAGED,
        encryptionKey: dataKey,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
        ...(definition.timeToLiveAttribute ? { timeToLiveAttribute: definition.timeToLiveAttribute } : {}),
      });
      for (const index of definition.globalIndexes) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: key(index.partitionKey),
          sortKey: key(index.sortKey),
        });
      }
      pin(table, `${definition.name}Table`);
      return { tableId, table };
    };
    const createdTables = (Object.entries(tables) as [TableId, TableDefinition][]).map(([tableId, d]) =>
      tableOf(tableId, d),
    );

    const accessLogs = new Bucket(this, 'AccessLogsBucket', {
      encryption: BucketEncryption.S3_MANAGED,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pin(accessLogs, 'AccessLogsBucket');
    Validations.of(accessLogs).acknowledge({
      id: 'AwsSolutions-S1',
      reason:
        'AccessLogsBucket receives the server access logs of the other buckets; logging it into itself would log its own log deliveries.',
    });

    const secureBucketProps = (logPrefix: string) => ({
      encryption: BucketEncryption.KMS,
      encryptionKey: dataKey,
      bucketKeyEnabled: true,
      versioned: true,
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      objectOwnership: ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: `${logPrefix}/`,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const backups = new Bucket(this, 'BackupsBucket', {
      ...secureBucketProps('backups'),
      objectLockEnabled: true,
      objectLockDefaultRetention: ObjectLockRetention.compliance(Duration.days(config.backupRetentionDays)),
      lifecycleRules: [
        {
          transitions: [
            {
              storageClass: StorageClass.GLACIER_INSTANT_RETRIEVAL,
              transitionAfter: Duration.days(config.backupColdAfterDays),
            },
          ],
          // Locked versions outlive this: S3 deletes them only once their retention has passed.
          expiration: Duration.days(config.backupRetentionDays + 1),
          noncurrentVersionExpiration: Duration.days(1),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
      // The off-site copy: every backup object, replicated to the replica region's locked bucket.
      ...(config.replicaRegion
        ? {
            replicationRules: [
              {
                destination: Bucket.fromBucketAttributes(this, 'BackupReplica', {
                  bucketArn: `arn:${Aws.PARTITION}:s3:::${replicaBucketName(config.replicaRegion)}`,
                  region: config.replicaRegion,
                }),
                kmsKey: Key.fromKeyArn(
                  this,
                  'BackupReplicaKey',
                  `arn:${Aws.PARTITION}:kms:${config.replicaRegion}:${Aws.ACCOUNT_ID}:${replicaKeyAlias}`,
                ),
                priority: 1,
                filter: { prefix: 'backups/' },
                sseKmsEncryptedObjects: true,
              },
            ],
          }
        : {}),
    });
    pin(backups, 'BackupsBucket');
    if (config.replicaRegion) {
      const role = backups.node.findChild('ReplicationRole') as Role;
      // KMS authorises by key, not alias: encrypting replicas with the replica region's key is granted
      // for whichever key carries its alias there.
      const replicaKeys = `arn:${Aws.PARTITION}:kms:${config.replicaRegion}:${Aws.ACCOUNT_ID}:key/*`;
      role.addToPolicy(
        new PolicyStatement({
          actions: ['kms:Encrypt', 'kms:GenerateDataKey'],
          resources: [replicaKeys],
          conditions: { 'ForAnyValue:StringEquals': { 'kms:ResourceAliases': replicaKeyAlias } },
        }),
      );
      // Replicas keep their Object Lock retention: replication reads it from the source.
      role.addToPolicy(
        new PolicyStatement({
          actions: ['s3:GetObjectRetention', 's3:GetObjectLegalHold'],
          resources: [backups.arnForObjects('backups/*')],
        }),
      );
      const objects = (arn: string) => flattenCfnReference(this.resolve(`${arn}/*`));
      const destination = `arn:${Aws.PARTITION}:s3:::${replicaBucketName(config.replicaRegion)}`;
      for (const [resource, reason] of [
        [
          objects(backups.bucketArn),
          'S3 replication reads every object version of the backup bucket; backup objects are named per run.',
        ],
        [
          objects(destination),
          'S3 replication writes every backup object into the replica bucket; nothing outside that one bucket.',
        ],
        [
          flattenCfnReference(this.resolve(backups.arnForObjects('backups/*'))),
          'S3 replication copies each backup object with its Object Lock retention; only objects under backups/.',
        ],
        [
          flattenCfnReference(this.resolve(replicaKeys)),
          'Replicas are encrypted with the replica region key, whose ARN this region cannot know; the condition limits it to the key with alias/hr-backups-replica.',
        ],
      ] as const) {
        Validations.of(role).acknowledge({ id: `AwsSolutions-IAM5[Resource::${resource}]`, reason });
      }
      for (const action of ['kms:GenerateDataKey*', 'kms:ReEncrypt*'])
        Validations.of(role).acknowledge({
          id: `AwsSolutions-IAM5[Action::${action}]`,
          reason: `The CDK's replication grant for the replica key: ${action} on that one key (alias/hr-backups-replica).`,
        });
    }

    const reports = new Bucket(this, 'ReportsBucket', {
      ...secureBucketProps('reports'),
      lifecycleRules: [
        { prefix: 'exports/', expiration: Duration.days(7) },
        // Import files, plans and error reports: kept a month for questions about a job, then gone.
        { prefix: 'imports/', expiration: Duration.days(30) },
        // Uploads for a notice or a question are copied where it keeps them: the upload itself goes.
        { prefix: 'notices/uploads/', expiration: Duration.days(1) },
        { prefix: 'questions/uploads/', expiration: Duration.days(1) },
        {
          noncurrentVersionExpiration: Duration.days(90),
          abortIncompleteMultipartUploadAfter: Duration.days(1),
        },
      ],
    });
    pin(reports, 'ReportsBucket');

    const cursorSecret = new Secret(this, 'CursorSecret', {
      description: 'Signs pagination cursors so that clients cannot forge them',
      encryptionKey: dataKey,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    pin(cursorSecret, 'CursorSecret');
    Validations.of(cursorSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'CursorSecret only signs pagination cursors that live for one listing; replacing its value just invalidates open cursors, so no rotation Lambda is warranted.',
    });

    // WeCom's application secret, callback token and key: the company enters them after deploying.
    const wecomSecret = props.config.wecomCorpId
      ? new Secret(this, 'WeComSecret', {
          description: 'WeCom (企业微信) application secret, callback token and EncodingAESKey, as JSON',
          encryptionKey: dataKey,
          secretObjectValue: {
            corpSecret: SecretValue.unsafePlainText('set-after-deploy'),
            callbackToken: SecretValue.unsafePlainText('set-after-deploy'),
            callbackAesKey: SecretValue.unsafePlainText('set-after-deploy'),
          },
          removalPolicy: RemovalPolicy.RETAIN,
        })
      : undefined;
    if (wecomSecret) {
      pin(wecomSecret, 'WeComSecret');
      Validations.of(wecomSecret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason:
          'WeComSecret holds values WeCom issues (the application secret, the callback token and key): they are rotated in WeCom’s admin and entered here, so no rotation Lambda can rotate them.',
      });
    }

    const exported = (name: string, value: string) => {
      const exportName = `${this.stackName}-${name}`;
      new CfnOutput(this, name, { value, exportName });
      return Fn.importValue(exportName);
    };
    const bucketRefs = (name: string, bucket: Bucket) => ({
      name: exported(`${name}BucketName`, bucket.bucketName),
      arn: exported(`${name}BucketArn`, bucket.bucketArn),
    });
    this.refs = {
      tables: Object.fromEntries(
        createdTables.map(({ tableId, table }) => [
          tableId,
          {
            name: exported(`${tables[tableId].name}TableName`, table.tableName),
            arn: exported(`${tables[tableId].name}TableArn`, table.tableArn),
          },
        ]),
      ) as DataRefs['tables'],
      buckets: { backups: bucketRefs('Backups', backups), reports: bucketRefs('Reports', reports) },
      dataKeyArn: exported('DataKeyArn', dataKey.keyArn),
      opsKeyArn: exported('OpsKeyArn', opsKey.keyArn),
      cursorSecretArn: exported('CursorSecretArn', cursorSecret.secretArn),
      signingKeyArn: exported('SigningKeyArn', signingKey.keyArn),
      ...(wecomSecret ? { wecomSecretArn: exported('WeComSecretArn', wecomSecret.secretArn) } : {}),
    };
  }
}
