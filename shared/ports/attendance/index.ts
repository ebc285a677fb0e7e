import type {
  AttendanceDay,
  AttendanceMonth,
  AttendanceRules,
  Leave,
  LocationConsent,
  OvertimeClaim,
  Punch,
  Shift,
  Site,
} from '#domain/attendance/index.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange } from '#kernel/writes.ts';

/** Sites, shifts, people's and departments' rules, location consent (table Hr). */
export interface AttendanceSetupStore {
  site(id: string): Promise<Site | undefined>;
  sites(ids: readonly string[]): Promise<Map<string, Site>>;
  listSites(page: PageRequest): Promise<PageResult<Site>>;
  allSites(): Promise<Site[]>;
  /** The next version, on condition that the stored one is `after.version − 1` (none for 1): false if not. */
  saveSite(after: Site): Promise<boolean>;
  shift(id: string): Promise<Shift | undefined>;
  shifts(ids: readonly string[]): Promise<Map<string, Shift>>;
  listShifts(page: PageRequest): Promise<PageResult<Shift>>;
  /** False when the id is taken. */
  createShift(shift: Shift): Promise<boolean>;
  rules(scope: AttendanceRules['scope'], id: string): Promise<AttendanceRules | undefined>;
  /** Many at once (the daily job's people), by `scope#id`. */
  rulesMany(
    keys: readonly { scope: AttendanceRules['scope']; id: string }[],
  ): Promise<Map<string, AttendanceRules>>;
  /** On the same condition as a site's. */
  saveRules(after: AttendanceRules): Promise<boolean>;
  consent(employeeId: string): Promise<LocationConsent | undefined>;
  /** The consent as it now stands, to commit with its evidence entry. */
  prepareConsent(consent: LocationConsent): PreparedChange;
}

/** Punches, by person and by work date (table Hr). */
export interface PunchStore {
  /** False when the id is there already (a WeCom record imported again). */
  create(punch: Punch): Promise<boolean>;
  /** Someone's punches from…to (instants, inclusive), oldest first. */
  between(employeeId: string, from: string, to: string): Promise<Punch[]>;
  /** Someone's punches, newest first. */
  page(employeeId: string, page: PageRequest): Promise<PageResult<Punch>>;
  /** Every punch of a work date, at one site (`-` for those matched to none) or all. */
  ofWorkDate(workDate: string, siteId?: string): Promise<Punch[]>;
  /** Takes the position off these punches (its keeping time is over). */
  forgetPositions(punches: readonly Punch[]): Promise<void>;
}

/** Attendance days, recomputed whole by the daily job (table Hr). */
export interface AttendanceDayStore {
  saveAll(days: readonly AttendanceDay[]): Promise<void>;
  between(employeeId: string, from: string, to: string): Promise<AttendanceDay[]>;
  /** Months' rows by month, site and person (BatchGetItem). */
  monthRows(
    keys: readonly { month: string; siteId: string; employeeId: string }[],
  ): Promise<AttendanceMonth[]>;
  saveMonthRows(rows: readonly AttendanceMonth[]): Promise<void>;
  /** A month's rows at a site, person by person; after a person, from the next. */
  monthRowsPage(
    month: string,
    siteId: string,
    page: PageRequest,
    afterEmployeeId?: string,
  ): Promise<PageResult<AttendanceMonth>>;
  /** Someone's rows of a month, one per site. */
  monthRowsOf(employeeId: string, month: string): Promise<AttendanceMonth[]>;
  /** The work dates from…to whose days the job has computed at a site. */
  closedDates(siteId: string, from: string, to: string): Promise<Set<string>>;
  markClosed(siteId: string, date: string, summary: { people: number; computedAt: string }): Promise<void>;
}

export interface LeaveStore {
  create(leave: Leave): Promise<void>;
  of(employeeId: string): Promise<Leave[]>;
  /** Everyone's leave that ends on or after a day. */
  endingFrom(date: string): Promise<Leave[]>;
}

export interface OvertimeClaimStore {
  get(id: string): Promise<OvertimeClaim | undefined>;
  create(claim: OvertimeClaim): Promise<void>;
  /** On condition that the stored one is `before`'s version: false if not. */
  update(before: OvertimeClaim, after: OvertimeClaim): Promise<boolean>;
  /** Someone's claims with work dates from…to, oldest first. */
  ofEmployee(employeeId: string, from: string, to: string): Promise<OvertimeClaim[]>;
  /** A month's claims of the people whose ids sort from…to, person by person. */
  ofMonth(month: string, firstEmployeeId: string, lastEmployeeId: string): Promise<OvertimeClaim[]>;
  /** What waits for an approver (undefined: HR), by status. */
  forApprover(
    approverId: string | undefined,
    status: OvertimeClaim['status'] | undefined,
    page: PageRequest,
  ): Promise<PageResult<OvertimeClaim>>;
}

/** One record of WeCom's check-in (打卡) as `getcheckindata` gives it. */
export interface WeComCheckinRecord {
  userid: string;
  groupname?: string;
  /** 上班打卡, 下班打卡 or 外出打卡. */
  checkin_type: string;
  /** Empty, or WeCom's exceptions joined by ';': 时间异常, 地点异常, 未打卡, wifi异常, 非常用设备. */
  exception_type: string;
  /** Unix seconds; 0 for a check-in that was missed (未打卡). */
  checkin_time: number;
  /** When the rule expected it (WeCom's fixed and custom schedules). */
  sch_checkin_time?: number;
  location_title?: string;
  wifiname?: string;
  wifimac?: string;
  /** Degrees × 1,000,000. */
  lat?: number;
  lng?: number;
  deviceid?: string;
  notes?: string;
}

/** WeCom's check-in records: at most 100 people and 30 days a call (the adapter keeps to neither). */
export interface WeComCheckins {
  checkinData(query: { from: Date; to: Date; userIds: readonly string[] }): Promise<WeComCheckinRecord[]>;
}
