import { ChangeBuilder } from '#adapters/aws/platform/changeBuilder.ts';
import type { HrTable, Item } from '#adapters/aws/platform/hrTable.ts';
import {
  AttendanceRules,
  consentKeys,
  LocationConsent,
  rulesKeys,
  Shift,
  Site,
  shiftKeys,
  siteKeys,
} from '#domain/attendance/index.ts';
import { StaleVersionError } from '#kernel/errors.ts';
import type { AttendanceSetupStore } from '#ports/attendance/index.ts';

const stale = () => new StaleVersionError();
const versioned = (version: number) =>
  version === 1
    ? { expression: 'attribute_not_exists(pk)', explain: stale }
    : { expression: 'version = :expected', values: { ':expected': version - 1 }, explain: stale };

export function makeAttendanceSetupStore(table: HrTable): AttendanceSetupStore {
  const put = (item: Item & { pk: string; sk: string }, condition: Parameters<ChangeBuilder['put']>[1]) =>
    table.commitIf(new ChangeBuilder(table.tableName).put(item, condition).build().writes);
  const many = async <T>(
    keys: { pk: string; sk: string }[],
    parse: (item: Item) => T,
    id: (t: T) => string,
  ) => new Map((await table.getMany(keys)).map((item) => parse(item)).map((t) => [id(t), t]));
  return {
    async site(id) {
      const item = await table.get(siteKeys.item(id), true);
      return item ? Site.parse(item) : undefined;
    },
    sites: (ids) =>
      many(
        ids.map(siteKeys.item),
        (item) => Site.parse(item),
        (s) => s.id,
      ),
    async listSites(page) {
      const result = await table.page({ index: 'gsi1', partition: siteKeys.all }, page);
      return { ...result, items: result.items.map((item) => Site.parse(item)) };
    },
    async allSites() {
      return (await table.all({ index: 'gsi1', partition: siteKeys.all })).map((item) => Site.parse(item));
    },
    saveSite: (after) =>
      put(
        { ...siteKeys.item(after.id), type: 'Site', gsi1pk: siteKeys.all, gsi1sk: after.id, ...after },
        versioned(after.version),
      ),
    async shift(id) {
      const item = await table.get(shiftKeys.item(id));
      return item ? Shift.parse(item) : undefined;
    },
    shifts: (ids) =>
      many(
        ids.map(shiftKeys.item),
        (item) => Shift.parse(item),
        (s) => s.id,
      ),
    async listShifts(page) {
      const result = await table.page({ index: 'gsi1', partition: shiftKeys.all }, page);
      return { ...result, items: result.items.map((item) => Shift.parse(item)) };
    },
    createShift: (shift) =>
      put(
        { ...shiftKeys.item(shift.id), type: 'Shift', gsi1pk: shiftKeys.all, gsi1sk: shift.id, ...shift },
        { expression: 'attribute_not_exists(pk)', explain: stale },
      ),
    async rules(scope, id) {
      const item = await table.get(rulesKeys.item(scope, id), true);
      return item ? AttendanceRules.parse(item) : undefined;
    },
    rulesMany: (keys) =>
      many(
        keys.map((k) => rulesKeys.item(k.scope, k.id)),
        (item) => AttendanceRules.parse(item),
        (r) => `${r.scope}#${r.id}`,
      ),
    saveRules: (after) =>
      put(
        { ...rulesKeys.item(after.scope, after.id), type: 'AttendanceRules', ...after },
        versioned(after.version),
      ),
    async consent(employeeId) {
      const item = await table.get(consentKeys.item(employeeId), true);
      return item ? LocationConsent.parse(item) : undefined;
    },
    prepareConsent: (consent) =>
      new ChangeBuilder(table.tableName)
        .put({ ...consentKeys.item(consent.employeeId), type: 'LocationConsent', ...consent })
        .build(),
  };
}
