import { Metrics } from '@aws-lambda-powertools/metrics';
import { metricNamespace } from '#domain/metrics.ts';
import type { BusinessMetrics } from '#ports/platform/metrics.ts';

/**
 * Powertools Metrics: CloudWatch's embedded metric format on standard output, which Lambda's log
 * pipeline turns into metrics (no API call, no latency). Company-wide measures, so without the
 * `service` dimension Powertools adds by default: the alarms watch the metric by name alone.
 */
export function makePowertoolsMetrics(): BusinessMetrics {
  const metrics = new Metrics({ namespace: metricNamespace });
  metrics.clearDefaultDimensions();
  return {
    async publish(measures) {
      if (measures.length === 0) return;
      for (const { name, value, unit } of measures) metrics.addMetric(name, unit, value);
      metrics.publishStoredMetrics();
    },
  };
}
