import { Aws, type CfnResource, Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import { EventBus } from 'aws-cdk-lib/aws-events';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { ScheduleGroup } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { eventSource } from '#kernel/events.ts';
import type { Alarms } from './alarms.ts';
import { Grouping } from './grouping.ts';

const deadLetters = (scope: Construct, id: string, reason: string) => {
  const queue = new Queue(scope, id, {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(14),
  });
  Validations.of(queue).acknowledge({ id: 'AwsSolutions-SQS3', reason });
  return queue;
};

/**
 * What runs work later: the `hr` bus (archived, replayable), the group of one-time revocation
 * schedules with the role that runs them, and the dead-letter queues where what could not be
 * delivered ends up, each with its alarm.
 */
export class Eventing extends Grouping {
  readonly bus: EventBus;
  readonly scheduleGroup: ScheduleGroup;
  readonly schedulerRole: Role;
  readonly schedulerDeadLetters: Queue;
  /** Events, schedules and daily rules a function still failed after its retries (or never received). */
  readonly failedDeliveries: Queue;

  constructor(scope: Construct, id: string, props: { alarms: Alarms }) {
    super(scope, id);
    this.bus = new EventBus(this, 'HrBus', { description: 'Domain events of the HR product' });
    this.bus.archive('HrBusArchive', {
      description: 'Every HR event, replayable for 90 days',
      eventPattern: { source: [eventSource] },
      retention: Duration.days(90),
    });

    this.scheduleGroup = new ScheduleGroup(this, 'ScheduleGroup', { removalPolicy: RemovalPolicy.DESTROY });
    (this.scheduleGroup.node.defaultChild as CfnResource).overrideLogicalId('ScheduleGroup');
    this.schedulerDeadLetters = deadLetters(
      this,
      'SchedulerDeadLetters',
      'SchedulerDeadLetters is itself the dead-letter queue of the revocation schedules.',
    );
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
      }),
      description: 'Lets EventBridge Scheduler invoke the schedule targets of the manifest, and nothing else',
    });
    this.schedulerDeadLetters.grantSendMessages(this.schedulerRole);
    props.alarms.onAny(
      this,
      'SchedulerDeadLettersAlarm',
      'A revocation schedule could not invoke its target; the compliance sweep will retry, HR should look.',
      // Sent, not visible: the failure reports consume the queue.
      this.schedulerDeadLetters.metricNumberOfMessagesSent({ period: Duration.minutes(5) }),
    );

    this.failedDeliveries = deadLetters(
      this,
      'FailedDeliveries',
      'FailedDeliveries is itself the dead-letter queue of the event, schedule and daily-rule targets.',
    );
    props.alarms.onAny(
      this,
      'FailedDeliveriesAlarm',
      'An event, schedule or daily run failed after its retries (or was refused as malformed); FailureReports told HR and flagged what it was about.',
      this.failedDeliveries.metricNumberOfMessagesSent({ period: Duration.minutes(5) }),
    );
  }
}
