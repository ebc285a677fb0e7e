import type { AssetSnapshot, CaseList, HandoverItemBase, OffboardingCase } from '#domain/offboarding/case.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange } from '#kernel/writes.ts';

export interface CaseStore {
  get(caseId: string): Promise<OffboardingCase | undefined>;
  /** Every handover item of a case (or of one node), read strongly consistent. */
  items(caseId: string, node?: string): Promise<HandoverItemBase[]>;
  getItem(caseId: string, node: string, itemId: string): Promise<HandoverItemBase | undefined>;
  list(list: CaseList, page: PageRequest): Promise<PageResult<OffboardingCase>>;
  /** Writes handover items that are not there yet (a repeated opening writes nothing twice). */
  putItemsIfAbsent(caseId: string, items: readonly HandoverItemBase[]): Promise<void>;
  /** The case and its list entries; refused when it exists. */
  prepareCreate(c: OffboardingCase): PreparedChange;
  /** The next version of the case, on condition that the stored one is still `before`. */
  prepareUpdate(before: OffboardingCase, after: OffboardingCase): PreparedChange;
  prepareItemUpdate(caseId: string, before: HandoverItemBase, after: HandoverItemBase): PreparedChange;
  /**
   * A signed statement under its SHA-256 (content-addressed: writing it again writes the same), to
   * commit with the first items that point to it.
   */
  prepareStatement(caseId: string, sha256: string, statement: Record<string, unknown>): PreparedChange;
  /** The signed statements of a case, by SHA-256. */
  statements(caseId: string): Promise<Map<string, Record<string, unknown>>>;
  statement(caseId: string, sha256: string): Promise<Record<string, unknown> | undefined>;
  /** A new item on an open case (HR adds an asset). */
  prepareItemCreate(caseId: string, item: HandoverItemBase): PreparedChange;

  /** The assets an employee holds (recorded by the admin office). */
  assetsOf(employeeId: string): Promise<AssetSnapshot[]>;
  putAsset(employeeId: string, asset: AssetSnapshot): Promise<void>;
}
