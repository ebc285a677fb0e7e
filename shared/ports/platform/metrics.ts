import type { MetricName } from '#domain/metrics.ts';

/** One business measure: a count at a moment (a gauge) or of what just happened. */
export interface Measure {
  name: MetricName;
  value: number;
  unit: 'Count' | 'Seconds';
}

/**
 * Business metrics (CloudWatch through Powertools Metrics in AWS; a file in the data folder
 * locally). Publishing never fails the work it measures.
 */
export interface BusinessMetrics {
  publish(measures: readonly Measure[]): Promise<void>;
}
