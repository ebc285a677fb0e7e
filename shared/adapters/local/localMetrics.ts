import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Clock } from '#kernel/clock.ts';
import type { BusinessMetrics, Measure } from '#ports/platform/metrics.ts';

export interface PublishedMeasure extends Measure {
  at: string;
}

/**
 * Business metrics on this machine: each measure a JSON line in metrics.jsonl of the data folder
 * (what CloudWatch would have received), and kept in memory for tests.
 */
export class LocalMetrics implements BusinessMetrics {
  readonly published: PublishedMeasure[] = [];
  private readonly file: string | undefined;
  private readonly clock: Clock;

  constructor(options: { dataDir?: string; clock: Clock }) {
    this.file = options.dataDir ? join(options.dataDir, 'metrics.jsonl') : undefined;
    this.clock = options.clock;
  }

  async publish(measures: readonly Measure[]): Promise<void> {
    const at = this.clock.now().toISOString();
    const lines = measures.map((m) => ({ at, ...m }));
    this.published.push(...lines);
    if (!this.file || lines.length === 0) return;
    mkdirSync(join(this.file, '..'), { recursive: true });
    appendFileSync(this.file, lines.map((line) => `${JSON.stringify(line)}\n`).join(''));
  }
}
