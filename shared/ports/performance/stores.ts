import type {
  Kpi,
  Participant,
  Rating,
  ReviewCycle,
  ReviewResult,
  ReviewTemplate,
} from '#domain/performance/index.ts';
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

/** Review cycles with their frozen participants, and the ratings given in them. */
export interface ReviewCycleStore {
  get(id: string): Promise<ReviewCycle | undefined>;
  list(page: PageRequest): Promise<PageResult<ReviewCycle>>;
  participants(id: string): Promise<Participant[]>;
  /** The cycle and its participants in one transaction; false when the id is taken. */
  open(cycle: ReviewCycle, participants: readonly Participant[]): Promise<boolean>;
  /** The cycle's next state, on condition that it is still at `before.version`. */
  update(before: ReviewCycle, after: ReviewCycle): Promise<boolean>;
  ratingsOf(id: string, revieweeId: string): Promise<Rating[]>;
  /** Every rating of a cycle (its ratings share its partition: one paged Query). */
  allRatings(id: string): Promise<Rating[]>;
  /** The cycles not yet released. */
  unreleased(): Promise<ReviewCycle[]>;
  /** A rater's ratings, replacing theirs of version `rating.version − 1` (none for version 1). */
  saveRating(rating: Rating): Promise<boolean>;
}

/** The computed results of a cycle, one per participant, with a marker per run and department done. */
export interface ReviewResultStore {
  result(cycleId: string, employeeId: string): Promise<ReviewResult | undefined>;
  results(cycleId: string): Promise<ReviewResult[]>;
  /** Someone's results in every cycle, latest period first. */
  resultsOf(employeeId: string, page: PageRequest): Promise<PageResult<ReviewResult>>;
  isDone(cycleId: string, run: number, departmentId: string): Promise<boolean>;
  /** A department's results, the marker last: a crash in between leaves the marker unwritten. */
  saveDepartment(
    cycleId: string,
    run: number,
    departmentId: string,
    results: readonly ReviewResult[],
  ): Promise<void>;
}
