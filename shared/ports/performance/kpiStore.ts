import type { Kpi, ReviewTemplate } from '#domain/performance/index.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';

/** KPI definitions: written once, never changed. */
export interface KpiStore {
  get(id: string): Promise<Kpi | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, Kpi>>;
  list(page: PageRequest): Promise<PageResult<Kpi>>;
  /** False when one with its id exists. */
  create(kpi: Kpi): Promise<boolean>;
}

/** Review templates, every version kept. */
export interface ReviewTemplateStore {
  current(id: string): Promise<ReviewTemplate | undefined>;
  version(id: string, version: number): Promise<ReviewTemplate | undefined>;
  list(page: PageRequest): Promise<PageResult<ReviewTemplate>>;
  /** The next version, on condition that the newest is still `after.version − 1`; false if not. */
  save(after: ReviewTemplate): Promise<boolean>;
}
