import { Duration, NestedStack } from 'aws-cdk-lib';
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  type Metric,
  TreatMissingData,
} from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { Grouping } from './grouping.ts';

/**
 * Where alarms go: an encrypted topic, mailed to the company's address when one is configured. The
 * alarms themselves live in a nested stack of their own: a stack holds at most 500 resources, and the
 * product has an alarm or two per function. Alarms hold no state, so they may move between stacks.
 */
export class Alarms extends Grouping {
  private readonly action: SnsAction;
  private readonly rules: NestedStack;

  constructor(scope: Construct, id: string, props: { opsKeyArn: string; email: string | undefined }) {
    super(scope, id);
    const topic = new Topic(this, 'Alarms', {
      masterKey: Key.fromKeyArn(this, 'OpsKey', props.opsKeyArn),
      enforceSSL: true,
    });
    if (props.email) topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(topic);
    this.rules = new NestedStack(this, 'AlarmRules', {
      description: 'Key-person HR: the alarms on functions, workflows, the bus, the scheduler and the API',
    });
  }

  /** An alarm's id in the nested stack: where it was asked for, and its own id. */
  private idFor(scope: Construct, id: string) {
    const stack = NestedStack.of(scope);
    const path = scope.node.scopes.slice(stack.node.scopes.length).map((s) => s.node.id);
    return [...path, id].join('-');
  }

  /** Every such alarm means "this happened at least once in five minutes": each one is worth a look. */
  onAny(scope: Construct, id: string, description: string, metric: IMetric): void {
    new Alarm(this.rules, this.idFor(scope, id), {
      alarmDescription: description,
      metric,
      threshold: 1,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(this.action);
  }

  /**
   * A metric a job reports on success (CloudWatch's embedded format) that stops coming: none for this
   * many hours is an alarm, whether the job failed, never ran, or was removed.
   */
  onSilence(scope: Construct, id: string, description: string, metric: Metric, hours: number): void {
    new Alarm(this.rules, this.idFor(scope, id), {
      alarmDescription: description,
      metric: metric.with({ statistic: 'Sum', period: Duration.hours(1) }),
      threshold: 1,
      comparisonOperator: ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: hours,
      datapointsToAlarm: hours,
      treatMissingData: TreatMissingData.BREACHING,
    }).addAlarmAction(this.action);
  }
}
