import {
  ArnFormat,
  Aws,
  CfnOutput,
  type CfnResource,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi,
  HttpMethod,
  HttpNoneAuthorizer,
  HttpRoute,
  HttpRouteKey,
  HttpStage,
  LogGroupLogDestination,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import {
  AccountRecovery,
  FeaturePlan,
  Mfa,
  StandardThreatProtectionMode,
  UserPool,
  UserPoolGroup,
} from 'aws-cdk-lib/aws-cognito';
import { EventBus, Schedule as EventsSchedule, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction, SfnStateMachine } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { DefinitionBody, LogLevel, StateMachine, StateMachineType } from 'aws-cdk-lib/aws-stepfunctions';
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference.js';
import type { Construct } from 'constructs';
import { envNames } from '#adapters/config.ts';
import { backupMetric } from '#domain/backups/backup.ts';
import {
  type FunctionDefinition,
  functionManifest,
  type Trigger,
  workflowManifest,
} from '#functions/manifest.ts';
import { defaultRoutePath } from '#http/route.ts';
import { roles } from '#kernel/principal.ts';
import { utcTimeOf } from '#kernel/time.ts';
import type { DeploymentConfig } from '../config.ts';
import { functionAccess, type PlatformRefs } from '../constructs/functionAccess.ts';
import { HouseFunction } from '../constructs/houseFunction.ts';
import { productWorkflows } from '../workflows/index.ts';
import type { WorkflowDefinition } from '../workflows/workflowDefinition.ts';
import type { DataRefs } from './statefulStack.ts';

export const eventSource = 'hr';

export interface StatelessStackProps extends StackProps {
  config: DeploymentConfig;
  data: DataRefs;
  /** Defaults to the product's manifest; tests pass their own to exercise every kind of trigger. */
  manifest?: readonly FunctionDefinition[];
  /** Defaults to the product's workflows. */
  workflows?: readonly WorkflowDefinition[];
}

/** Functions, the HTTP API and its authorizer, the user pool, the bus, the scheduler, and alarms. */
export class StatelessStack extends Stack {
  readonly functions = new Map<string, HouseFunction>();
  readonly stateMachines = new Map<string, StateMachine>();
  private readonly alarmAction: SnsAction;
  private readonly config: DeploymentConfig;

  constructor(scope: Construct, id: string, props: StatelessStackProps) {
    super(scope, id, props);
    const { config, data } = props;
    this.config = config;
    const manifest = props.manifest ?? functionManifest;
    const logRetention = config.logRetentionDays;

    // Sign-in: employees are created by HR (no self sign-up); the user name is the employee id.
    const userPool = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { username: true, email: true },
      signInCaseSensitive: false,
      standardAttributes: { email: { required: true, mutable: true } },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      featurePlan: FeaturePlan.PLUS,
      standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const role of roles) {
      new UserPoolGroup(this, `Group-${role}`, { userPool, groupName: role, description: `Role ${role}` });
    }
    const apiClient = userPool.addClient('ApiClient', {
      authFlows: { userSrp: true },
      generateSecret: false,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });

    const bus = new EventBus(this, 'HrBus', { description: 'Domain events of the HR product' });
    bus.archive('HrBusArchive', {
      description: 'Every HR event, replayable for 90 days',
      eventPattern: { source: [eventSource] },
      retention: Duration.days(90),
    });

    const scheduleGroup = new ScheduleGroup(this, 'ScheduleGroup', { removalPolicy: RemovalPolicy.DESTROY });
    (scheduleGroup.node.defaultChild as CfnResource).overrideLogicalId('ScheduleGroup');
    const schedulerDeadLetters = new Queue(this, 'SchedulerDeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    Validations.of(schedulerDeadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'SchedulerDeadLetters is itself the dead-letter queue of the revocation schedules.',
    });
    const schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'Lets EventBridge Scheduler invoke the schedule targets of the manifest, and nothing else',
    });
    schedulerDeadLetters.grantSendMessages(schedulerRole);

    const alarmTopic = new Topic(this, 'Alarms', {
      masterKey: Key.fromKeyArn(this, 'OpsKey', data.opsKeyArn),
      enforceSSL: true,
    });
    if (config.alarmEmail) alarmTopic.addSubscription(new EmailSubscription(config.alarmEmail));
    this.alarmAction = new SnsAction(alarmTopic);

    this.alarmOnAny(
      'SchedulerDeadLettersAlarm',
      'A revocation schedule could not invoke its target; the compliance sweep will retry, HR should look.',
      schedulerDeadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
    );

    const platform: PlatformRefs = {
      eventBus: { name: bus.eventBusName, arn: bus.eventBusArn },
      scheduler: {
        groupName: scheduleGroup.scheduleGroupName,
        roleArn: schedulerRole.roleArn,
        deadLetterArn: schedulerDeadLetters.queueArn,
      },
      userPool: { id: userPool.userPoolId, arn: userPool.userPoolArn },
      mailFrom: config.mailFrom,
    };

    for (const definition of manifest) {
      const fn = new HouseFunction(this, definition.id, {
        definition,
        access: functionAccess(definition.needs, data, platform),
        logRetention,
        environment: {
          COMPANY_TIME_ZONE: config.companyTimeZone,
          EXPORT_ROW_CAP: String(config.exportRowCap),
          MAX_NOTICE_DAYS: String(config.maxNoticeDays),
          ACCOUNT_GRACE_DAYS: String(config.accountGraceDays),
          IDENTITY_RETENTION_DAYS: String(config.identityRetentionDays),
        },
      });
      this.functions.set(definition.id, fn);
      this.alarmOnAny(
        `${definition.id}ErrorsAlarm`,
        `${definition.id} failed: ${definition.description}`,
        fn.function.metricErrors({ period: Duration.minutes(5) }),
      );
      for (const trigger of definition.triggers) this.addTrigger(definition, fn, trigger, bus);
    }

    // Schedules name their target by manifest id; the functions that make schedules get the ARNs.
    const scheduleTargets = manifest.filter((d) => d.triggers.some((t) => t.kind === 'scheduleTarget'));
    for (const target of scheduleTargets) {
      const fn = this.functions.get(target.id)?.function;
      if (!fn) continue;
      // The function itself, not `:*` (its versions): schedules always invoke $LATEST.
      schedulerRole.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
      );
    }
    const targetArns = Stack.of(this).toJsonString(
      Object.fromEntries(scheduleTargets.map((d) => [d.id, this.functions.get(d.id)?.function.functionArn])),
    );
    for (const definition of manifest) {
      if (definition.needs.scheduler)
        this.functions.get(definition.id)?.function.addEnvironment(envNames.scheduleTargets, targetArns);
    }

    if (this.functions.has('Backup')) {
      // The backup job reports each success as a metric: none for 26 hours (a daily run missed, with
      // two hours of slack) is an alarm, whether the job failed, never ran, or was removed.
      new Alarm(this, 'BackupFreshnessAlarm', {
        alarmDescription: 'No successful backup in the last 26 hours',
        metric: new Metric({
          namespace: backupMetric.namespace,
          metricName: backupMetric.succeeded,
          statistic: 'Sum',
          period: Duration.hours(1),
        }),
        threshold: 1,
        comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
        evaluationPeriods: 26,
        datapointsToAlarm: 26,
        treatMissingData: TreatMissingData.BREACHING,
      }).addAlarmAction(this.alarmAction);
    }

    for (const workflow of props.workflows ?? productWorkflows)
      this.addWorkflow(workflow, config.logRetentionDays, bus);
    // Functions that start executions or answer task tokens, on the product's state machines only.
    // The ARNs are built from the machines' fixed names: a task function the machine invokes cannot
    // also refer to the machine resource (that would be a dependency cycle).
    const machineArns = Object.fromEntries(
      [...this.stateMachines.keys()].map((id) => [
        id,
        this.formatArn({
          service: 'states',
          resource: 'stateMachine',
          resourceName: this.stateMachineName(id),
          arnFormat: ArnFormat.COLON_RESOURCE_NAME,
        }),
      ]),
    );
    for (const definition of manifest) {
      const fn = this.functions.get(definition.id)?.function;
      if (!fn || !definition.needs.workflow) continue;
      const arns = Object.values(machineArns);
      fn.addToRolePolicy(
        new PolicyStatement({
          actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'],
          resources: arns,
        }),
      );
      if (definition.needs.workflow === 'start')
        fn.addToRolePolicy(new PolicyStatement({ actions: ['states:StartExecution'], resources: arns }));
      fn.addEnvironment(envNames.stateMachines, Stack.of(this).toJsonString(machineArns));
    }

    // The HTTP API: routes from the manifest; JWT routes behind the Cognito authorizer.
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', { retention: logRetention });
    const api = new HttpApi(this, 'Api', { description: 'Key-person HR API', createDefaultStage: false });
    new HttpStage(this, 'ApiStage', {
      httpApi: api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 100, burstLimit: 200 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            time: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            routeKey: '$context.routeKey',
            status: '$context.status',
            latencyMs: '$context.responseLatency',
            user: '$context.authorizer.claims.username',
            authorizerError: '$context.authorizer.error',
            integrationError: '$context.integrationErrorMessage',
          }),
        ),
      },
    });
    const authorizer = new HttpUserPoolAuthorizer('Cognito', userPool, { userPoolClients: [apiClient] });
    for (const definition of manifest) {
      const routes = definition.triggers.flatMap((t) => (t.kind === 'http' ? t.routes : []));
      const fn = this.functions.get(definition.id);
      if (!fn || routes.length === 0) continue;
      const integration = new HttpLambdaIntegration(`${definition.id}Integration`, fn.function);
      for (const route of routes) {
        const created =
          route.path === defaultRoutePath
            ? [
                new HttpRoute(this, 'DefaultRoute', {
                  httpApi: api,
                  routeKey: HttpRouteKey.DEFAULT,
                  integration,
                }),
              ]
            : api.addRoutes({
                path: route.path,
                methods: [HttpMethod[route.method as keyof typeof HttpMethod]],
                integration,
                authorizer: route.auth === 'jwt' ? authorizer : new HttpNoneAuthorizer(),
              });
        if (route.auth === 'public') {
          for (const r of created) {
            Validations.of(r).acknowledge({
              id: 'AwsSolutions-APIG4',
              reason: `${route.method} ${route.path} is public by design (${route.summary}); it reads nothing of a company's data.`,
            });
          }
        }
      }
    }

    this.alarmOnAny(
      'ApiServerErrorsAlarm',
      'The HTTP API answered 5xx',
      api.metricServerError({ period: Duration.minutes(5) }),
    );

    new CfnOutput(this, 'ApiUrl', { value: api.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: apiClient.userPoolClientId });
    new CfnOutput(this, 'EventBusName', { value: bus.eventBusName });
  }

  /** Event rules and daily cron rules; HTTP routes and workflow tasks are wired where those are built. */
  private addTrigger(
    definition: FunctionDefinition,
    fn: HouseFunction,
    trigger: Trigger,
    bus: EventBus,
  ): void {
    const target = new LambdaFunction(fn.function, { retryAttempts: 4, maxEventAge: Duration.hours(24) });
    if (trigger.kind === 'event') {
      new Rule(this, `${definition.id}Rule`, {
        eventBus: bus,
        description: `${trigger.events.map((e) => e.name).join(', ')} → ${definition.id}`,
        eventPattern: { source: [eventSource], detailType: trigger.events.map((e) => e.name) },
        targets: [target],
      });
    } else if (trigger.kind === 'daily') {
      const localHour = this.config[trigger.hour];
      const { hour, minute } = utcTimeOf(localHour, this.config.companyTimeZone);
      new Rule(this, `${definition.id}Daily`, {
        description: `Daily at ${String(localHour).padStart(2, '0')}:00 ${this.config.companyTimeZone} → ${definition.id}`,
        schedule: EventsSchedule.cron({ hour: String(hour), minute: String(minute) }),
        targets: [target],
      });
    }
  }

  /** Fixed, so that functions can name a machine's ARN without referring to the resource. */
  private stateMachineName(workflowId: string): string {
    return `${this.stackName}-${workflowId}`;
  }

  /** A Standard state machine with full logging and tracing; its tasks are manifest functions. */
  private addWorkflow(workflow: WorkflowDefinition, logRetention: number, bus: EventBus): void {
    const used = new Set<HouseFunction>();
    const task = (functionId: string) => {
      const fn = this.functions.get(functionId);
      if (!fn) throw new Error(`Workflow ${workflow.id} uses ${functionId}, which is not in the manifest`);
      if (!fn.definition.triggers.some((t) => t.kind === 'workflowTask'))
        throw new Error(`${functionId} is not a workflowTask`);
      used.add(fn);
      return fn.function;
    };
    const logs = new LogGroup(this, `${workflow.id}WorkflowLogs`, { retention: logRetention });
    const stateMachine = new StateMachine(this, `${workflow.id}Workflow`, {
      stateMachineName: this.stateMachineName(workflow.id),
      comment: workflow.description,
      definitionBody: DefinitionBody.fromChainable(workflow.build(this, task)),
      stateMachineType: StateMachineType.STANDARD,
      timeout: workflow.timeout,
      tracingEnabled: true,
      logs: { destination: logs, level: LogLevel.ALL, includeExecutionData: true },
    });
    (stateMachine.node.defaultChild as CfnResource).overrideLogicalId(`${workflow.id}Workflow`);
    this.stateMachines.set(workflow.id, stateMachine);
    const role = stateMachine.role;
    for (const fn of used) {
      const versions = flattenCfnReference(this.resolve(`${fn.function.functionArn}:*`));
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${versions}]`,
        reason: `The Lambda task integration may invoke ${fn.definition.id} by version or alias; nothing beyond this one function.`,
      });
    }
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'CloudWatch Logs delivery and X-Ray, as Step Functions requires them, have no resource-level permissions.',
    });
    const startedBy = workflowManifest.find((w) => w.id === workflow.id)?.startedBy ?? [];
    if (startedBy.length > 0) {
      // The execution's input is the event itself; a duplicate delivery's second execution stops
      // at its first task (the case records which execution drives it).
      new Rule(this, `${workflow.id}StartRule`, {
        eventBus: bus,
        description: `${startedBy.map((e) => e.name).join(', ')} → ${workflow.id} workflow`,
        eventPattern: { source: [eventSource], detailType: startedBy.map((e) => e.name) },
        targets: [new SfnStateMachine(stateMachine, { retryAttempts: 4, maxEventAge: Duration.hours(24) })],
      });
    }
    this.alarmOnAny(
      `${workflow.id}WorkflowFailedAlarm`,
      `An execution of ${workflow.id} failed, timed out or was aborted`,
      stateMachine.metricFailed({ period: Duration.minutes(5) }),
    );
  }

  /** Every alarm here means "this happened at least once in five minutes": each one is worth a look. */
  private alarmOnAny(id: string, description: string, metric: IMetric): void {
    new Alarm(this, id, {
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(this.alarmAction);
  }
}
