import { Duration, Stack } from 'aws-cdk-lib';
import { Metric } from 'aws-cdk-lib/aws-cloudwatch';
import { Schedule as EventsSchedule, Rule } from 'aws-cdk-lib/aws-events';
import { LambdaFunction } from 'aws-cdk-lib/aws-events-targets';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { Construct } from 'constructs';
import { envNames } from '#adapters/config.ts';
import { metricNames, metricNamespace } from '#domain/metrics.ts';
import type { FunctionDefinition, Trigger } from '#functions/manifest.ts';
import { eventSource } from '#kernel/events.ts';
import { utcTimeOf } from '#kernel/time.ts';
import type { DeploymentConfig } from '../config.ts';
import type { DataRefs } from '../data/refs.ts';
import type { Alarms } from './alarms.ts';
import type { Eventing } from './eventing.ts';
import { functionAccess } from './functionAccess.ts';
import { Grouping } from './grouping.ts';
import { HouseFunction } from './houseFunction.ts';
import type { Identity } from './identity.ts';
import { WeComEgress } from './wecomEgress.ts';

/** Triggers whose deliveries are asynchronous: a failure after the retries is dead-lettered. */
const asynchronous = (trigger: Trigger) =>
  trigger.kind === 'event' ||
  trigger.kind === 'scheduleTarget' ||
  trigger.kind === 'daily' ||
  trigger.kind === 'hourly';

/**
 * Every function of the manifest: built the house way with exactly the grants its needs name, its bus
 * rules and daily cron rules, an alarm on its errors, and a dead-letter queue for what it still fails
 * to process after its retries.
 */
export class Functions extends Grouping {
  readonly byId = new Map<string, HouseFunction>();

  constructor(
    scope: Construct,
    id: string,
    props: {
      manifest: readonly FunctionDefinition[];
      config: DeploymentConfig;
      data: DataRefs;
      eventing: Eventing;
      identity: Identity;
      alarms: Alarms;
    },
  ) {
    super(scope, id);
    const { manifest, config, data, eventing, identity, alarms } = props;
    const platform = {
      eventBus: { name: eventing.bus.eventBusName, arn: eventing.bus.eventBusArn },
      scheduler: {
        groupName: eventing.scheduleGroup.scheduleGroupName,
        roleArn: eventing.schedulerRole.roleArn,
        deadLetterArn: eventing.schedulerDeadLetters.queueArn,
      },
      userPool: { id: identity.userPool.userPoolId, arn: identity.userPool.userPoolArn },
      mailFrom: config.mailFrom,
      feedbackKeyPrefix: `${Stack.of(this).stackName}/feedback-keys`,
      wecom: config.wecomCorpId
        ? {
            corpId: config.wecomCorpId,
            agentId: config.wecomAgentId ?? '',
            appUrl: config.wecomAppUrl ?? 'https://hr.example.com',
          }
        : undefined,
    };
    const egress =
      config.wecomCorpId && config.wecomEgress
        ? new WeComEgress(this, 'WeComEgress', { logRetention: config.logRetentionDays })
        : undefined;
    for (const definition of manifest) {
      const fn = new HouseFunction(this, definition.id, {
        definition,
        access: functionAccess(definition.needs, data, platform),
        logRetention: config.logRetentionDays,
        environment: {
          [envNames.companyTimeZone]: config.companyTimeZone,
          [envNames.exportRowCap]: String(config.exportRowCap),
          [envNames.maxNoticeDays]: String(config.maxNoticeDays),
          [envNames.accountGraceDays]: String(config.accountGraceDays),
          [envNames.identityRetentionDays]: String(config.identityRetentionDays),
          [envNames.feedbackPerMonth]: String(config.feedbackPerMonth),
          [envNames.questionAnswerDays]: String(config.questionAnswerDays),
        },
        ...(definition.triggers.some(asynchronous) ? { failedDeliveries: eventing.failedDeliveries } : {}),
        // Those that call WeCom leave through its fixed address, where the company asked for one.
        ...(egress && platform.wecom && (definition.needs.mail || definition.needs.wecom === 'send')
          ? { network: { vpc: egress.vpc, securityGroup: egress.securityGroup } }
          : {}),
      });
      this.byId.set(definition.id, fn);
      alarms.onAny(
        this,
        `${definition.id}ErrorsAlarm`,
        `${definition.id} failed: ${definition.description}`,
        fn.function.metricErrors({ period: Duration.minutes(5) }),
      );
      for (const trigger of definition.triggers) this.addRule(definition, fn, trigger, eventing, config);
    }

    // Schedules name their target by manifest id; the functions that make schedules get the ARNs.
    const targets = manifest.filter((d) => d.triggers.some((t) => t.kind === 'scheduleTarget'));
    for (const target of targets) {
      const fn = this.byId.get(target.id)?.function;
      if (!fn) continue;
      // The function itself, not `:*` (its versions): schedules always invoke $LATEST.
      eventing.schedulerRole.addToPrincipalPolicy(
        new PolicyStatement({ actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
      );
    }
    const targetArns = Stack.of(this).toJsonString(
      Object.fromEntries(targets.map((d) => [d.id, this.byId.get(d.id)?.function.functionArn])),
    );
    for (const definition of manifest) {
      if (definition.needs.scheduler)
        this.byId.get(definition.id)?.function.addEnvironment(envNames.scheduleTargets, targetArns);
    }

    // The failure reports read both dead-letter queues, and learn which function a record is about.
    const reports = manifest.filter((d) => d.triggers.some((t) => t.kind === 'failedDeliveries'));
    const functionNames = Stack.of(this).toJsonString(
      Object.fromEntries(
        [...this.byId]
          .filter(([id]) => !reports.some((r) => r.id === id)) // its own name would be a cycle
          .map(([id, fn]) => [id, fn.function.functionName]),
      ),
    );
    for (const definition of reports) {
      const fn = this.byId.get(definition.id)?.function;
      if (!fn) continue;
      for (const queue of [eventing.failedDeliveries, eventing.schedulerDeadLetters])
        fn.addEventSource(new SqsEventSource(queue, { batchSize: 10, reportBatchItemFailures: true }));
      fn.addEnvironment(envNames.functionNames, functionNames);
    }

    const business = (metricName: string) => new Metric({ namespace: metricNamespace, metricName });
    if (this.byId.has('Backup')) {
      // Two hours of slack over a day: a daily backup that failed, never ran, or was removed.
      alarms.onSilence(
        this,
        'BackupFreshnessAlarm',
        'No successful backup in the last 26 hours',
        business(metricNames.backupSucceeded),
        26,
      );
    }
    if (this.byId.has('ComplianceSweep')) {
      alarms.onAny(
        this,
        'StagesAppliedLateAlarm',
        'The compliance sweep applied a revocation stage its schedule had not: access outlived its plan',
        business(metricNames.stagesAppliedLate).with({ statistic: 'Sum', period: Duration.minutes(5) }),
      );
    }
    if (this.byId.has('HandoverCase')) {
      alarms.onAny(
        this,
        'NodeOverdueAlarm',
        "A handover node passed its deadline unconfirmed (the leaver's manager and HR were told)",
        business(metricNames.nodesBecameOverdue).with({ statistic: 'Sum', period: Duration.minutes(5) }),
      );
    }
  }

  /** Bus rules and daily cron rules; HTTP routes and workflow tasks are wired where those are built. */
  private addRule(
    definition: FunctionDefinition,
    fn: HouseFunction,
    trigger: Trigger,
    eventing: Eventing,
    config: DeploymentConfig,
  ): void {
    const target = new LambdaFunction(fn.function, {
      retryAttempts: 4,
      maxEventAge: Duration.hours(24),
      deadLetterQueue: eventing.failedDeliveries,
    });
    if (trigger.kind === 'event') {
      new Rule(this, `${definition.id}Rule`, {
        eventBus: eventing.bus,
        description: `${trigger.events.map((e) => e.name).join(', ')} → ${definition.id}`,
        eventPattern: { source: [eventSource], detailType: trigger.events.map((e) => e.name) },
        targets: [target],
      });
    } else if (trigger.kind === 'daily') {
      const localHour = config[trigger.hour];
      const { hour, minute } = utcTimeOf(localHour, config.companyTimeZone);
      new Rule(this, `${definition.id}Daily`, {
        description: `Daily at ${String(localHour).padStart(2, '0')}:00 ${config.companyTimeZone} → ${definition.id}`,
        schedule: EventsSchedule.cron({ hour: String(hour), minute: String(minute) }),
        targets: [target],
      });
    } else if (trigger.kind === 'hourly') {
      new Rule(this, `${definition.id}Hourly`, {
        description: `Every hour, on the hour → ${definition.id}`,
        schedule: EventsSchedule.cron({ minute: '0' }),
        targets: [target],
      });
    }
  }
}
