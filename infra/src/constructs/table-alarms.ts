import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, MathExpression, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { ITopic } from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/** Props of {@link TableAlarms}. */
export type TableAlarmsProps = { tables: ReadonlyMap<string, Table>; alarmTopic: ITopic | undefined };

/**
 * One alarm per table on throttled reads and writes: on-demand tables throttle only past their
 * account or partition limits, which a tenant's burst or a hot key can reach, and then requests
 * answer 503.
 */
export class TableAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: TableAlarmsProps) {
    super(scope, id);
    const notify = props.alarmTopic === undefined ? undefined : new SnsAction(props.alarmTopic);
    for (const [logicalName, table] of props.tables) {
      const period = Duration.minutes(5);
      const alarm = new Alarm(this, `${logicalName}Throttles`, {
        alarmDescription: `DynamoDB throttled reads or writes on ${logicalName}`,
        metric: new MathExpression({
          expression: 'reads + writes',
          usingMetrics: {
            reads: table.metric('ReadThrottleEvents', { period, statistic: 'Sum' }),
            writes: table.metric('WriteThrottleEvents', { period, statistic: 'Sum' }),
          },
          period,
        }),
        threshold: 1,
        evaluationPeriods: 1,
        comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      });
      if (notify !== undefined) alarm.addAlarmAction(notify);
      this.alarms.push(alarm);
    }
  }
}
