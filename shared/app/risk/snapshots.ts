import type { Messenger } from '#app/communication/index.ts';
import type { DepartmentRecord } from '#domain/people/index.ts';
import { newAlerts, type RiskSnapshot, snapshotOf } from '#domain/risk/snapshot.ts';
import type { Clock } from '#kernel/clock.ts';
import { isDomainError } from '#kernel/errors.ts';
import { everyPage, type PageRequest, type PageResult } from '#kernel/pages.ts';
import type { Principal } from '#kernel/principal.ts';
import { addDays, localDate } from '#kernel/time.ts';
import { committing, type Writes } from '#kernel/writes.ts';
import type { DepartmentStore } from '#ports/people/index.ts';
import type { SnapshotStore } from '#ports/risk/snapshotStore.ts';
import type { RiskAssessments } from './assessments.ts';

export interface SnapshotDeps {
  assessments: RiskAssessments;
  departments: Pick<DepartmentStore, 'list' | 'get'>;
  snapshots: SnapshotStore;
  tell: Messenger;
  writes: Writes;
  clock: Clock;
  timeZone: string;
}

const describe = (a: RiskSnapshot['alerts'][number]) =>
  a.kind === 'bus_factor'
    ? `bus factor ${a.value} (≤ ${a.threshold})`
    : a.kind === 'alone_revenue'
      ? `${a.employeeId} alone knows ${(a.value * 100).toFixed(1)}% of revenue (> ${(a.threshold * 100).toFixed(0)}%)`
      : `${a.employeeId} scores ${a.value} (≥ ${a.threshold})`;

/**
 * The daily snapshot: for every department, its risk as of yesterday (a whole day) with the current
 * weights, kept so HR sees the trend; HR is told when a threshold is crossed that the day before was
 * not. The first run of a day keeps its snapshot: a second run (a retry) writes and tells nothing.
 */
export function makeRiskSnapshots({
  assessments,
  departments,
  snapshots,
  tell,
  writes,
  clock,
  timeZone,
}: SnapshotDeps) {
  const takeOne = async (department: DepartmentRecord, asOf: string) => {
    const risk = await assessments.assess(department.id, { asOf });
    const snapshot = snapshotOf(risk, clock.now().toISOString());
    try {
      await committing(snapshots.prepareCreate(snapshot), (w) => writes.commit(w));
    } catch (error) {
      if (isDomainError(error) && error.code === 'snapshot_exists')
        return { snapshot, written: false, crossed: 0 };
      throw error;
    }
    const before = (await snapshots.list(department.id, { limit: 1 }, asOf)).items[0];
    const crossed = newAlerts(snapshot, before);
    if (crossed.length > 0)
      await tell(
        [{ shared: 'hr' }],
        'risk.threshold',
        {
          department: { 'zh-CN': department.name, en: department.nameEn ?? department.name },
          asOf,
          alerts: crossed.map(describe).join('; '),
          busFactor: String(snapshot.busFactor.value),
        },
        {
          dedupeKey: `risk|${department.id}|${asOf}`,
          data: { departmentId: department.id, asOf },
          link: `/v1/risk/departments/${department.id}?asOf=${asOf}`,
        },
      );
    return { snapshot, written: true, crossed: crossed.length };
  };

  return {
    async run(): Promise<{ asOf: string; departments: number; written: number; alerts: number }> {
      const asOf = addDays(localDate(clock.now(), timeZone), -1);
      const all = await everyPage((page) => departments.list(page));
      let written = 0;
      let alerts = 0;
      // A few departments at a time: each is a handful of Queries.
      for (let i = 0; i < all.length; i += 4) {
        const results = await Promise.all(all.slice(i, i + 4).map((d) => takeOne(d, asOf)));
        written += results.filter((r) => r.written).length;
        alerts += results.reduce((sum, r) => sum + r.crossed, 0);
      }
      return { asOf, departments: all.length, written, alerts };
    },

    async list(actor: Principal, departmentId: string, page: PageRequest): Promise<PageResult<RiskSnapshot>> {
      await assessments.mayReadTeam(actor, departmentId);
      return snapshots.list(departmentId, page);
    },
  };
}
