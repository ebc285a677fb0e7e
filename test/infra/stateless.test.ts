import type { CfnElement } from 'aws-cdk-lib';
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { resignationSubmitted } from '#domain/offboarding/events/index.ts';
import { type FunctionDefinition, functionManifest, workflowManifest } from '#functions/manifest.ts';
import { getHealthRoute } from '#functions/system/routes.ts';
import { roles } from '#kernel/principal.ts';
import { type Synthesized, synthesize } from './support/synth.ts';

type Statement = { Effect: string; Action: string | string[]; Resource: unknown; Condition?: unknown };
const actionsOf = (s: Statement) => (Array.isArray(s.Action) ? s.Action : [s.Action]);
const xrayActions = ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'];

/** The policy statements attached to the role of one manifest function. */
function statementsOf(synth: Synthesized, functionId: string): Statement[] {
  const fn = synth.statelessStack.functions.get(functionId);
  if (!fn) throw new Error(`no function ${functionId}`);
  const roleId = synth.statelessStack.getLogicalId(fn.role.node.defaultChild as CfnElement);
  const policies = synth.stateless.findResources('AWS::IAM::Policy', {
    Properties: { Roles: [{ Ref: roleId }] },
  });
  return Object.values(policies).flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[]);
}

// Every trigger kind and every need, on existing entry files (bundling is skipped in these tests).
const everyKind: FunctionDefinition[] = [
  ...functionManifest,
  {
    id: 'TestPlanner',
    entry: 'functions/system/handler.ts',
    description: 'reacts to resignations',
    triggers: [{ kind: 'event', events: [resignationSubmitted] }],
    needs: { tables: { hr: 'write' }, evidence: 'append', eventBus: 'publish', scheduler: 'manage' },
  },
  {
    id: 'TestRevoker',
    entry: 'functions/system/handler.ts',
    description: 'applies a revocation stage',
    triggers: [{ kind: 'scheduleTarget' }],
    needs: { tables: { hr: 'write' }, evidence: 'append', identity: 'manage' },
  },
  {
    id: 'TestBackup',
    entry: 'functions/system/handler.ts',
    description: 'backs up',
    triggers: [{ kind: 'scheduleTarget' }],
    needs: { tables: { hr: 'scan' }, evidence: 'scan', buckets: { backups: 'write' }, cursorKey: true },
  },
];

let product: Synthesized;
let wide: Synthesized;
beforeAll(() => {
  product = synthesize();
  wide = synthesize({
    manifest: everyKind,
    context: { alarmEmail: 'it@example.com', corsOrigins: 'https://hr.example.com, http://localhost:5173' },
  });
});

describe('functions', () => {
  it('builds every manifest function on the newest Node runtime, arm64, traced, with JSON logs kept a year', () => {
    const functions = Object.values(product.stateless.findResources('AWS::Lambda::Function'));
    expect(functions).toHaveLength(functionManifest.length);
    for (const fn of functions) {
      expect(fn.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        TracingConfig: { Mode: 'Active' },
        LoggingConfig: { LogFormat: 'JSON' },
        Handler: 'index.handler',
      });
    }
    const logGroups = Object.values(product.stateless.findResources('AWS::Logs::LogGroup'));
    expect(logGroups.map((g) => g.Properties.RetentionInDays)).toEqual(logGroups.map(() => 365));
  });

  it('gives each function only the environment its needs name', () => {
    product.stateless.hasResourceProperties('AWS::Lambda::Function', {
      Description: Match.stringLikeRegexp('live permissions'),
      Environment: {
        Variables: Match.objectLike({ HR_TABLE_NAME: { 'Fn::ImportValue': 'HrStateful-HrTableName' } }),
      },
    });
    const system = Object.values(product.stateless.findResources('AWS::Lambda::Function')).find((f) =>
      String(f.Properties.Description).startsWith('Health'),
    );
    // Readiness reads the Hr table and the reports bucket; the evidence log and the rest it is not told of.
    const variables = Object.keys(system?.Properties.Environment.Variables ?? {});
    expect(variables).toContain('HR_TABLE_NAME');
    expect(variables).not.toContain('EVIDENCE_TABLE_NAME');
    expect(variables).not.toContain('IDEMPOTENCY_TABLE_NAME');
  });
});

describe('least privilege', () => {
  it('never grants a wildcard action, and "*" resources only for X-Ray', () => {
    for (const definition of everyKind) {
      for (const statement of statementsOf(wide, definition.id)) {
        expect(
          actionsOf(statement).filter((a) => a.includes('*')),
          definition.id,
        ).toEqual([]);
        if (statement.Resource === '*')
          expect(actionsOf(statement).sort(), definition.id).toEqual([...xrayActions].sort());
      }
    }
  });

  it('lets /v1/me read the Hr table by key or query, and update only inbox items', () => {
    const dynamo = statementsOf(product, 'HttpMe').filter((s) =>
      actionsOf(s).some((a) => a.startsWith('dynamodb:')),
    );
    expect(dynamo).toHaveLength(2);
    const [read, mark] = dynamo as [Statement, Statement];
    expect(actionsOf(read).sort()).toEqual(
      ['dynamodb:BatchGetItem', 'dynamodb:ConditionCheckItem', 'dynamodb:GetItem', 'dynamodb:Query'].sort(),
    );
    expect(JSON.stringify(read.Resource)).toContain('HrStateful-HrTableArn');
    expect(JSON.stringify(read.Resource)).not.toContain('Evidence');
    expect(mark).toMatchObject({
      Action: 'dynamodb:UpdateItem',
      Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['INBOX#*'] } },
    });
  });

  it('lets functions append evidence but never update or delete it', () => {
    const evidence = statementsOf(wide, 'TestPlanner').filter((s) =>
      JSON.stringify(s.Resource).includes('HrStateful-EvidenceTableArn'),
    );
    const actions = evidence.flatMap(actionsOf);
    expect(actions).toContain('dynamodb:PutItem');
    expect(actions).not.toContain('dynamodb:UpdateItem');
    expect(actions).not.toContain('dynamodb:DeleteItem');
    expect(actions).not.toContain('dynamodb:BatchWriteItem');
  });

  it('lets only the backup and restore jobs scan, and never delete a backup object', () => {
    const scanners = everyKind.filter((d) =>
      statementsOf(wide, d.id).some((s) => actionsOf(s).includes('dynamodb:Scan')),
    );
    expect(scanners.map((d) => d.id)).toEqual(['Backup', 'Restore', 'TestBackup']);
    const s3Actions = statementsOf(wide, 'TestBackup')
      .flatMap(actionsOf)
      .filter((a) => a.startsWith('s3:'));
    expect(s3Actions).not.toContain('s3:DeleteObject');
    expect(s3Actions).toContain('s3:PutObject');
  });

  it('scopes schedule management to our schedule group and passing only the scheduler role', () => {
    const statements = statementsOf(wide, 'TestPlanner');
    const scheduler = statements.find((s) => actionsOf(s).includes('scheduler:CreateSchedule'));
    expect(JSON.stringify(scheduler?.Resource)).toContain('ScheduleGroup');
    const passRole = statements.find((s) => actionsOf(s).includes('iam:PassRole'));
    expect(passRole?.Condition).toEqual({
      StringEquals: { 'iam:PassedToService': 'scheduler.amazonaws.com' },
    });
    expect(JSON.stringify(passRole?.Resource)).toContain('SchedulerRole');
  });
});

describe('HTTP API', () => {
  it('has one route per manifest route, JWT-protected unless public, plus the catch-all', () => {
    const routes = Object.values(product.routes.findResources('AWS::ApiGatewayV2::Route'));
    const byKey = new Map(routes.map((r) => [r.Properties.RouteKey as string, r.Properties]));
    expect(byKey.get('GET /v1/me')).toMatchObject({ AuthorizationType: 'JWT' });
    expect(byKey.get(`GET ${getHealthRoute.path}`)).toMatchObject({ AuthorizationType: 'NONE' });
    expect(byKey.get('$default')).toMatchObject({ AuthorizationType: 'NONE' });
  });

  it('authorizes with the Cognito user pool and its API client', () => {
    product.stateless.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Audience: [{ Ref: Match.stringLikeRegexp('ApiClient') }] },
    });
  });

  it('logs every request and throttles the stage', () => {
    product.stateless.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.stringLikeRegexp('routeKey') },
      DefaultRouteSettings: { ThrottlingRateLimit: 100, ThrottlingBurstLimit: 200 },
    });
  });

  it('keeps no source address or subject in its access logs, and nothing of anonymous feedback in its function logs', () => {
    const stage = Object.values(product.stateless.findResources('AWS::ApiGatewayV2::Stage'))[0];
    const format = JSON.parse(String(stage?.Properties.AccessLogSettings.Format)) as Record<string, string>;
    expect(
      Object.values(format).filter((v) => /sourceIp|userAgent|claims|principalId|caller|user/.test(v)),
    ).toEqual([]);
    const fn = product.statelessStack.functions.get('AnonymousFeedback');
    const logicalId = product.statelessStack.getLogicalId(fn?.function.node.defaultChild as CfnElement);
    const anonymous = product.stateless.findResources('AWS::Lambda::Function')[logicalId];
    // No application lines, and none of Lambda's START/END/REPORT lines with their request ids.
    expect(anonymous?.Properties.LoggingConfig).toMatchObject({
      LogFormat: 'JSON',
      ApplicationLogLevel: 'FATAL',
      SystemLogLevel: 'WARN',
    });
    expect(anonymous?.Properties.Environment.Variables.POWERTOOLS_LOG_LEVEL).toBe('SILENT');
    // It reads the month's keys, and makes none.
    const secrets = statementsOf(product, 'AnonymousFeedback').filter((st) =>
      actionsOf(st).some((a) => a.startsWith('secretsmanager:')),
    );
    expect(secrets.flatMap(actionsOf)).toEqual(['secretsmanager:GetSecretValue']);
    expect(JSON.stringify(secrets[0]?.Resource)).toMatch(/secret:HrStateless\/feedback-keys\/\*/);
  });

  it('lets no browser origin in by default, and exactly the configured ones when set', () => {
    const apis = (s: Synthesized) => Object.values(s.stateless.findResources('AWS::ApiGatewayV2::Api'));
    expect(apis(product).map((a) => a.Properties.CorsConfiguration)).toEqual([undefined]);
    expect(apis(wide).map((a) => a.Properties.CorsConfiguration)).toEqual([
      {
        AllowOrigins: ['https://hr.example.com', 'http://localhost:5173'],
        AllowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        AllowHeaders: [
          'authorization',
          'content-type',
          'if-match',
          'idempotency-key',
          'feedback-token',
          'feedback-receipt',
        ],
        ExposeHeaders: ['etag', 'location', 'x-report-sha256', 'x-report-signature', 'x-report-key-id'],
        MaxAge: 600,
      },
    ]);
    expect(() => synthesize({ context: { corsOrigins: '*' } })).toThrow(/corsOrigins/);
  });
});

describe('identity, events, scheduler, alarms', () => {
  it('has a user pool group per role, MFA required and no self sign-up', () => {
    const groups = Object.values(product.stateless.findResources('AWS::Cognito::UserPoolGroup'));
    expect(groups.map((g) => g.Properties.GroupName).sort()).toEqual([...roles].sort());
    product.stateless.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      DeletionProtection: 'ACTIVE',
    });
  });

  it('routes bus events to the functions that subscribe, and nothing else', () => {
    const rules = Object.values(product.stateless.findResources('AWS::Events::Rule'));
    const subscribed = (detailType: string) =>
      rules
        .filter((r) => JSON.stringify(r.Properties.EventPattern ?? {}).includes(`"${detailType}"`))
        .map((r) => JSON.stringify(r.Properties.Targets));
    product.stateless.hasResourceProperties('AWS::Events::Rule', {
      EventPattern: {
        source: ['hr'],
        'detail-type': [
          'ResignationSubmitted',
          'ResignationChanged',
          'ResignationWithdrawn',
          'OffboardingCompleted',
        ],
      },
      EventBusName: { Ref: Match.stringLikeRegexp('HrBus') },
      Targets: [
        Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 4, MaximumEventAgeInSeconds: 86400 } }),
      ],
    });
    // The planner schedules the revocation, risk tells HR of a key person, succession of who could
    // take over a key position; the same event starts the handover workflow.
    expect(subscribed('ResignationSubmitted')).toEqual([
      expect.stringContaining('ResignationPlanner'),
      expect.stringContaining('RiskResignationAlert'),
      expect.stringContaining('SuccessionResignationAlert'),
      expect.stringContaining('HandoverWorkflow'),
    ]);
    // A completed handover sets the account's time: the planner, which schedules it.
    expect(subscribed('OffboardingCompleted')).toEqual([expect.stringContaining('ResignationPlanner')]);
    expect(subscribed('AccountDisabled')).toEqual([expect.stringContaining('IdentityProvisioner')]);
    expect(subscribed('EmployeesCreated')).toEqual([expect.stringContaining('IdentityProvisioner')]);
    // HR's request for a review computation starts that workflow, and nothing else.
    expect(subscribed('ReviewComputationRequested')).toEqual([
      expect.stringContaining('ReviewComputationWorkflow'),
    ]);
    const eventTriggers = functionManifest.flatMap((d) => d.triggers.filter((t) => t.kind === 'event'));
    expect(rules.filter((r) => r.Properties.EventPattern)).toHaveLength(
      eventTriggers.length + workflowManifest.length,
    );
  });

  it('runs the compliance sweep daily at the configured hour of the company, by a cron rule', () => {
    // 06:00 in Shanghai (UTC+8) is 22:00 UTC; 04:00 in Berlin is 03:00 UTC in winter.
    product.stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 22 * * ? *)',
      Targets: [
        Match.objectLike({ Arn: { 'Fn::GetAtt': [Match.stringLikeRegexp('^ComplianceSweep'), 'Arn'] } }),
      ],
    });
    const berlin = synthesize({ context: { companyTimeZone: 'Europe/Berlin', complianceHour: 4 } });
    berlin.stateless.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'cron(0 3 * * ? *)',
      Description: Match.stringLikeRegexp('04:00 Europe/Berlin'),
    });
  });

  it('lets the scheduler role invoke only the schedule targets, with a dead-letter queue and its alarm', () => {
    const invokers = (synth: Synthesized) =>
      JSON.stringify(
        Object.values(synth.stateless.findResources('AWS::IAM::Policy'))
          .filter((p) =>
            (p.Properties.Roles as { Ref: string }[]).some((r) => r.Ref.startsWith('SchedulerRole')),
          )
          .flatMap((p) => p.Properties.PolicyDocument.Statement as Statement[])
          .filter((s) => actionsOf(s).includes('lambda:InvokeFunction'))
          .map((s) => s.Resource),
      );
    const productTargets = invokers(product);
    const targets = functionManifest.filter((d) => d.triggers.some((t) => t.kind === 'scheduleTarget'));
    expect(targets.map((d) => d.id)).toEqual(['Revocation', 'QuestionDeadlines']);
    for (const fn of functionManifest)
      if (targets.includes(fn)) expect(productTargets).toContain(`"${fn.id}`);
      else expect(productTargets).not.toContain(`"${fn.id}`);
    const wideTargets = invokers(wide);
    expect(wideTargets).toContain('TestRevoker');
    expect(wideTargets).not.toContain('TestPlanner');
    product.stateless.resourceCountIs('AWS::Scheduler::ScheduleGroup', 1);
    product.stateless.hasResourceProperties('AWS::SQS::Queue', {
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 3600,
    });
    product.alarms.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'NumberOfMessagesSent',
      Dimensions: [
        {
          Name: 'QueueName',
          // The alarms' nested stack is handed the queue's name as a parameter.
          Value: { Ref: Match.stringLikeRegexp('SchedulerDeadLetters.*QueueName') },
        },
      ],
    });
  });

  it('tells the functions that make schedules where their targets are, and no other', () => {
    const env = (id: string) => {
      const fn = product.statelessStack.functions.get(id);
      if (!fn) throw new Error(id);
      const logicalId = product.statelessStack.getLogicalId(fn.function.node.defaultChild as CfnElement);
      return product.stateless.toJSON().Resources[logicalId].Properties.Environment.Variables;
    };
    const logicalIdOf = (id: string) => {
      const fn = product.statelessStack.functions.get(id);
      if (!fn) throw new Error(`no ${id} function`);
      return product.statelessStack.getLogicalId(fn.function.node.defaultChild as CfnElement);
    };
    for (const id of ['ResignationPlanner', 'ComplianceSweep', 'HttpCommunication']) {
      expect(env(id).SCHEDULE_TARGETS).toEqual({
        'Fn::Join': [
          '',
          [
            '{"Revocation":"',
            { 'Fn::GetAtt': [logicalIdOf('Revocation'), 'Arn'] },
            '","QuestionDeadlines":"',
            { 'Fn::GetAtt': [logicalIdOf('QuestionDeadlines'), 'Arn'] },
            '"}',
          ],
        ],
      });
      expect(env(id)).toHaveProperty('SCHEDULE_GROUP_NAME');
    }
    expect(env('Revocation')).not.toHaveProperty('SCHEDULE_TARGETS');
    expect(env('HttpOffboarding')).toMatchObject({ MAX_NOTICE_DAYS: '30', ACCOUNT_GRACE_DAYS: '1' });
  });

  it('sends alarms to an encrypted topic, mailed when an address is configured', () => {
    wide.stateless.hasResourceProperties('AWS::SNS::Topic', {
      KmsMasterKeyId: { 'Fn::ImportValue': 'HrStateful-OpsKeyArn' },
    });
    wide.stateless.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'it@example.com',
    });
    expect(Object.keys(product.stateless.findResources('AWS::SNS::Subscription'))).toHaveLength(0);
  });
});

describe('deliveries that keep failing', () => {
  it('end in a dead-letter queue with an alarm: every asynchronously invoked function, and every rule target', () => {
    const queues = product.stateless.findResources('AWS::SQS::Queue');
    const failed = Object.keys(queues).find((id) => id.startsWith('FailedDeliveries'));
    expect(failed).toBeDefined();
    const asynchronous = functionManifest.filter((d) =>
      d.triggers.some((t) => ['event', 'scheduleTarget', 'daily', 'hourly'].includes(t.kind)),
    );
    expect(asynchronous.map((d) => d.id)).toEqual(
      expect.arrayContaining(['IdentityProvisioner', 'ResignationPlanner', 'Revocation', 'Backup']),
    );
    // Lambda's on-failure destination: the record names the function, its input and its error.
    const invokeConfigs = Object.values(
      product.stateless.findResources('AWS::Lambda::EventInvokeConfig'),
    ) as {
      Properties: { FunctionName: { Ref: string }; MaximumRetryAttempts: number; DestinationConfig: unknown };
    }[];
    for (const definition of functionManifest) {
      const fn = product.statelessStack.functions.get(definition.id);
      const logicalId = product.statelessStack.getLogicalId(fn?.function.node.defaultChild as CfnElement);
      const config = invokeConfigs.find((c) => c.Properties.FunctionName.Ref === logicalId);
      if (!asynchronous.includes(definition)) {
        expect(config, definition.id).toBeUndefined();
        continue;
      }
      expect(config?.Properties, definition.id).toMatchObject({
        MaximumRetryAttempts: 2,
        DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': [failed, 'Arn'] } } },
      });
    }
    // Both dead-letter queues feed the failure reports, which tell HR and flag what a failure was about.
    const sources = Object.values(product.stateless.findResources('AWS::Lambda::EventSourceMapping')) as {
      Properties: { EventSourceArn: { 'Fn::GetAtt': [string, string] }; FunctionName: { Ref: string } };
    }[];
    const reports = product.statelessStack.functions.get('FailureReports');
    const reportsId = product.statelessStack.getLogicalId(reports?.function.node.defaultChild as CfnElement);
    expect(
      sources
        .filter((m) => m.Properties.FunctionName.Ref === reportsId)
        .map((m) => m.Properties.EventSourceArn['Fn::GetAtt'][0])
        .sort(),
    ).toEqual([failed, expect.stringMatching(/SchedulerDeadLetters/)].sort());
    const rules = Object.values(product.stateless.findResources('AWS::Events::Rule')) as {
      Properties: { Targets: { Arn: unknown; DeadLetterConfig?: unknown }[] };
    }[];
    const functionTargets = rules
      .flatMap((r) => r.Properties.Targets)
      .filter((t) => JSON.stringify(t.Arn).includes('Function'));
    // Schedule targets are invoked by the scheduler (its own dead-letter queue), not by rules.
    const ruleTargets = asynchronous.filter((d) => !d.triggers.some((t) => t.kind === 'scheduleTarget'));
    expect(functionTargets.length).toBeGreaterThanOrEqual(ruleTargets.length);
    for (const target of functionTargets)
      expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [failed, 'Arn'] } });
    product.alarms.hasResourceProperties('AWS::CloudWatch::Alarm', {
      Dimensions: [
        { Name: 'QueueName', Value: { Ref: Match.stringLikeRegexp('FailedDeliveries.*QueueName') } },
      ],
      MetricName: 'NumberOfMessagesSent',
      Threshold: 1,
    });
  });
});

describe('business alarms', () => {
  it('watch the business metrics by name in our namespace: overdue nodes and stages applied late', () => {
    for (const metric of ['NodesBecameOverdue', 'StagesAppliedLate']) {
      product.alarms.hasResourceProperties('AWS::CloudWatch::Alarm', {
        Namespace: 'KeyPersonHR',
        MetricName: metric,
        Statistic: 'Sum',
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
        AlarmActions: Match.anyValue(),
      });
    }
  });
});

describe('logical ids and names a deployed stack depends on', () => {
  it('stay as they are, whatever construct groups them', () => {
    const resources = product.stateless.toJSON().Resources as Record<
      string,
      { Type: string; Properties: Record<string, unknown> }
    >;
    const pinned: Record<string, string> = {
      Users0A0EEA89: 'AWS::Cognito::UserPool',
      UsersApiClientD8D32A2C: 'AWS::Cognito::UserPoolClient',
      ApiF70053CD: 'AWS::ApiGatewayV2::Api',
      ApiStage529D6240: 'AWS::ApiGatewayV2::Stage',
      HrBusBE2BF693: 'AWS::Events::EventBus',
      ScheduleGroup: 'AWS::Scheduler::ScheduleGroup',
      SchedulerDeadLettersE6B2EEC2: 'AWS::SQS::Queue',
      SchedulerRole59E73443: 'AWS::IAM::Role',
      HandoverWorkflow: 'AWS::StepFunctions::StateMachine',
      Alarms04B5A0BF: 'AWS::SNS::Topic',
      RevocationFunction1DD5D3CD: 'AWS::Lambda::Function',
      HttpOffboardingFunction535D4739: 'AWS::Lambda::Function',
    };
    for (const [logicalId, type] of Object.entries(pinned))
      expect(resources[logicalId]?.Type, logicalId).toBe(type);
    // CDK makes these names from the construct path: a new name would replace the bus, and the group
    // with every pending revocation schedule in it.
    expect(resources.HrBusBE2BF693?.Properties.Name).toBe('HrStatelessHrBusB72DFFB2');
    expect(resources.ScheduleGroup?.Properties.Name).toBe('HrStateless-ScheduleGroup-2A226CAE');
  });
});
