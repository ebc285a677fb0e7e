import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable } from '#adapters/aws/platform/hrTable.ts';
import {
  AttendanceDay,
  AttendanceMonth,
  claimKeys,
  dayKeys,
  Leave,
  leaveKeys,
  monthRowKeys,
  OvertimeClaim,
  Punch,
  punchKeys,
} from '#domain/attendance/index.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import type {
  AttendanceDayStore,
  LeaveStore,
  OvertimeClaimStore,
  PunchStore,
} from '#ports/attendance/index.ts';

const stale = () => new StaleVersionError();
const punchItem = (p: Punch) => ({
  ...punchKeys.item(p),
  type: 'Punch',
  gsi1pk: punchKeys.day(p.workDate),
  gsi1sk: punchKeys.daySort(p),
  ...p,
});

export function makePunchStore(table: HrTable): PunchStore {
  return {
    create: (punch) =>
      table.commitIf(
        new ChangeBuilder(table.tableName)
          .put(punchItem(punch), { expression: 'attribute_not_exists(pk)', explain: stale })
          .build().writes,
      ),
    async between(employeeId, from, to) {
      const items = await table.all({
        partition: punchKeys.partition(employeeId),
        sortBetween: [from, `${to}~`],
      });
      return items.map((item) => Punch.parse(item));
    },
    async page(employeeId, page) {
      const result = await table.page({ partition: punchKeys.partition(employeeId), forward: false }, page);
      return { ...result, items: result.items.map((item) => Punch.parse(item)) };
    },
    async ofWorkDate(workDate, siteId) {
      const items = await table.all({
        index: 'gsi1',
        partition: punchKeys.day(workDate),
        ...(siteId ? { sortPrefix: `${siteId}#` } : {}),
      });
      return items.map((item) => Punch.parse(item));
    },
    async forgetPositions(punches) {
      await table.putMany(
        punches.map((p) => {
          const { position: _position, positionKeptUntil: _until, ...kept } = p;
          return punchItem(kept as Punch);
        }),
      );
    },
  };
}

export function makeAttendanceDayStore(table: HrTable): AttendanceDayStore {
  return {
    saveAll: (days) =>
      table.putMany(
        days.map((d) => ({
          ...dayKeys.item(d.employeeId, d.workDate),
          type: 'AttendanceDay',
          ...d,
        })),
      ),
    async between(employeeId, from, to) {
      const items = await table.all({
        partition: dayKeys.item(employeeId, from).pk,
        sortBetween: [from, to],
      });
      return items.map((item) => AttendanceDay.parse(item));
    },
    async monthRows(keys) {
      const items = await table.getMany(keys.map((k) => monthRowKeys.item(k.month, k.siteId, k.employeeId)));
      return items.map((item) => AttendanceMonth.parse(item));
    },
    saveMonthRows: (rows) =>
      table.putMany(
        rows.map((r) => ({
          ...monthRowKeys.item(r.month, r.siteId, r.employeeId),
          type: 'AttendanceMonth',
          gsi1pk: monthRowKeys.of(r.employeeId),
          gsi1sk: `${r.month}#${r.siteId}`,
          ...r,
        })),
      ),
    async monthRowsPage(month, siteId, page, afterEmployeeId) {
      const result = await table.page(
        {
          partition: monthRowKeys.partition(month, siteId),
          ...(afterEmployeeId ? { sortBetween: [`${afterEmployeeId}!`, '~'] as const } : {}),
        },
        page,
      );
      return { ...result, items: result.items.map((item) => AttendanceMonth.parse(item)) };
    },
    async monthRowsOf(employeeId, month) {
      const items = await table.all({
        index: 'gsi1',
        partition: monthRowKeys.of(employeeId),
        sortPrefix: `${month}#`,
      });
      return items.map((item) => AttendanceMonth.parse(item));
    },
    async closedDates(siteId, from, to) {
      const items = await table.all({
        partition: `ATTJOB#${siteId}`,
        sortBetween: [from, to],
        consistent: true,
      });
      return new Set(items.map((item) => String(item.sk)));
    },
    async markClosed(siteId, date, summary) {
      await table.putMany([{ pk: `ATTJOB#${siteId}`, sk: date, type: 'AttendanceDayClosed', ...summary }]);
    },
  };
}

export function makeLeaveStore(table: HrTable): LeaveStore {
  return {
    async create(leave) {
      await table.commit(
        new ChangeBuilder(table.tableName)
          .put({
            ...leaveKeys.item(leave),
            type: 'Leave',
            gsi1pk: leaveKeys.all,
            gsi1sk: `${leave.to}#${leave.id}`,
            ...leave,
          })
          .build().writes,
      );
    },
    async of(employeeId) {
      const items = await table.all({ partition: leaveKeys.partition(employeeId) });
      return items.map((item) => Leave.parse(item));
    },
    async endingFrom(date) {
      const items = await table.all({ index: 'gsi1', partition: leaveKeys.all, sortBetween: [date, '9999'] });
      return items.map((item) => Leave.parse(item));
    },
  };
}

const claimItem = (c: OvertimeClaim) => ({
  ...claimKeys.item(c.id),
  type: 'OvertimeClaim',
  gsi1pk: claimKeys.byEmployee(c.employeeId),
  gsi1sk: `${c.workDate}#${c.id}`,
  gsi2pk: claimKeys.byApprover(c.approver.employeeId),
  gsi2sk: `${c.status}#${c.workDate}#${c.id}`,
  ...c,
});

export function makeOvertimeClaimStore(table: HrTable): OvertimeClaimStore {
  return {
    async get(id) {
      const item = await table.get(claimKeys.item(id), true);
      return item ? OvertimeClaim.parse(item) : undefined;
    },
    async create(claim) {
      await table.commit(
        new ChangeBuilder(table.tableName)
          .put(claimItem(claim), { expression: 'attribute_not_exists(pk)', explain: stale })
          .put({ ...claimKeys.month(claim), type: 'OvertimeClaimOfMonth', ...claim })
          .build().writes,
      );
    },
    update: (before, after) =>
      table.commitIf(
        new ChangeBuilder(table.tableName)
          .put(claimItem(after), {
            expression: 'version = :expected',
            values: { ':expected': before.version },
            explain: stale,
          })
          .put({ ...claimKeys.month(after), type: 'OvertimeClaimOfMonth', ...after })
          .build().writes,
      ),
    async ofMonth(month, firstEmployeeId, lastEmployeeId) {
      const items = await table.all({
        partition: `OTCLAIMMONTH#${month}`,
        sortBetween: [`${firstEmployeeId}#`, `${lastEmployeeId}#~`],
      });
      return items.map((item) => OvertimeClaim.parse(item));
    },
    async ofEmployee(employeeId, from, to) {
      const items = await table.all({
        index: 'gsi1',
        partition: claimKeys.byEmployee(employeeId),
        sortBetween: [from, `${to}~`],
      });
      return items.map((item) => OvertimeClaim.parse(item));
    },
    async forApprover(approverId, status, page) {
      const result = await table.page(
        {
          index: 'gsi2',
          partition: claimKeys.byApprover(approverId),
          ...(status ? { sortPrefix: `${status}#` } : {}),
        },
        page,
      );
      return { ...result, items: result.items.map((item) => OvertimeClaim.parse(item)) };
    },
  };
}
