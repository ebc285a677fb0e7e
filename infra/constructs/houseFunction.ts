import { dirname, join } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { type ISecurityGroup, type IVpc, SubnetType } from 'aws-cdk-lib/aws-ec2';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import {
  ApplicationLogLevel,
  Architecture,
  LoggingFormat,
  Runtime,
  SystemLogLevel,
  Tracing,
} from 'aws-cdk-lib/aws-lambda';
import { SqsDestination } from 'aws-cdk-lib/aws-lambda-destinations';
import {
  type BundlingOptions,
  Charset,
  NodejsFunction,
  OutputFormat,
  SourceMapMode,
} from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
// cdk-nag names a finding by this flattening of the resource; acknowledging the same text keeps it exact.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import { Construct } from 'constructs';
import { type FunctionDefinition, functionDefaults } from '#functions/manifest.ts';
import { bundleSettings } from '../bundling/bundleSettings.ts';
import { repoRoot } from '../repository.ts';
import type { FunctionAccess } from './functionAccess.ts';

export interface HouseFunctionProps {
  definition: FunctionDefinition;
  access: FunctionAccess;
  logRetention: RetentionDays;
  environment: Record<string, string>;
  /**
   * For a function invoked asynchronously: where an invocation goes that failed all its retries (its
   * on-failure destination: the record names the function, its input and its error).
   */
  failedDeliveries?: IQueue;
  /** Runs in these private subnets (to leave through a fixed address): the WeCom egress. */
  network?: { vpc: IVpc; securityGroup: ISecurityGroup };
}

/** esbuild settings for every bundle: ESM, minified, tree-shaken, the SDK bundled at our pinned version. */
export const bundlingDefaults: BundlingOptions = {
  format: OutputFormat.ESM,
  target: bundleSettings.target,
  mainFields: [...bundleSettings.mainFields],
  minify: true,
  sourceMap: true,
  sourceMapMode: SourceMapMode.EXTERNAL,
  sourcesContent: false,
  charset: Charset.UTF8,
  externalModules: [],
  banner: bundleSettings.banner,
  esbuildArgs: Object.fromEntries(
    Object.entries(bundleSettings.aliases).map(([name, path]) => [`--alias:${name}`, path]),
  ),
};

/** The house bundling of one entry: the CDK's esbuild run, then split so lazy imports load lazily. */
export const houseBundling = (entry: string, files: FunctionDefinition['files'] = []): BundlingOptions => ({
  ...bundlingDefaults,
  commandHooks: {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir, outputDir) => {
      const command = (...args: string[]) => args.map((arg) => JSON.stringify(arg)).join(' ');
      return [
        command(process.execPath, join(repoRoot, 'infra/bundling/splitLazyChunks.ts'), entry, outputDir),
        ...files.flatMap(({ from, to }) => [
          command('mkdir', '-p', dirname(join(outputDir, to))),
          command('cp', join(repoRoot, from), join(outputDir, to)),
        ]),
      ];
    },
  },
});

/**
 * The one way we build a Lambda function: newest Node runtime, arm64, its own role with exactly the
 * manifest's grants, its own log group with retention, JSON logs, active tracing.
 */
export class HouseFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: Role;
  readonly definition: FunctionDefinition;

  constructor(scope: Construct, id: string, props: HouseFunctionProps) {
    super(scope, id);
    const { definition, access } = props;
    this.definition = definition;

    const logGroup = new LogGroup(this, 'Logs', { retention: props.logRetention });
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('lambda.amazonaws.com'),
      description: `${definition.id}: ${definition.description}`,
    });
    for (const statement of access.statements) this.role.addToPrincipalPolicy(statement);

    this.function = new NodejsFunction(this, 'Function', {
      entry: join(repoRoot, definition.entry),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: join(repoRoot, 'package-lock.json'),
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: definition.memoryMb ?? functionDefaults.memoryMb,
      timeout: Duration.seconds(definition.timeoutSeconds ?? functionDefaults.timeoutSeconds),
      description: definition.description,
      role: this.role,
      logGroup,
      loggingFormat: LoggingFormat.JSON,
      // An anonymous function logs nothing of a request: no application lines, no START/END/REPORT.
      ...(definition.anonymous
        ? { applicationLogLevelV2: ApplicationLogLevel.FATAL, systemLogLevelV2: SystemLogLevel.WARN }
        : {}),
      tracing: Tracing.ACTIVE,
      environment: {
        POWERTOOLS_SERVICE_NAME: definition.id,
        POWERTOOLS_LOG_LEVEL: definition.anonymous ? 'SILENT' : 'INFO',
        NODE_OPTIONS: '--enable-source-maps',
        ...props.environment,
        ...access.environment,
      },
      bundling: houseBundling(join(repoRoot, definition.entry), definition.files),
      ...(props.network
        ? {
            vpc: props.network.vpc,
            vpcSubnets: { subnetType: SubnetType.PRIVATE_WITH_EGRESS },
            securityGroups: [props.network.securityGroup],
          }
        : {}),
      ...(props.failedDeliveries
        ? { onFailure: new SqsDestination(props.failedDeliveries), retryAttempts: 2 }
        : {}),
    });
    logGroup.grantWrite(this.role);
    for (const { resource, reason } of access.wildcardResources) {
      const finding = flattenCfnReference(Stack.of(this).resolve(resource));
      Validations.of(this.role).acknowledge({ id: `AwsSolutions-IAM5[Resource::${finding}]`, reason });
    }
    if (props.network)
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaVPCAccessExecutionRole]',
        reason:
          'A function in the WeCom egress VPC needs its network interfaces: AWS’s own policy for that, which Lambda requires and which grants nothing else.',
      });
    Validations.of(this.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'Only X-Ray PutTraceSegments/PutTelemetryRecords use "*": X-Ray has no resource-level permissions. test/infra asserts no other statement does.',
    });
  }
}
