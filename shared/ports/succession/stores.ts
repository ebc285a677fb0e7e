import type { Candidate, KeyPosition } from '#domain/succession/index.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';

/** Key positions and their candidates (table Hr, one partition per key position). */
export interface SuccessionStore {
  get(id: string): Promise<KeyPosition | undefined>;
  list(page: PageRequest): Promise<PageResult<KeyPosition>>;
  /** False when the id is taken. */
  create(keyPosition: KeyPosition): Promise<boolean>;
  /** The key positions someone holds. */
  heldBy(employeeId: string): Promise<KeyPosition[]>;
  candidate(keyPositionId: string, employeeId: string): Promise<Candidate | undefined>;
  candidates(keyPositionId: string): Promise<Candidate[]>;
  /** The next version of a candidate, on condition that the stored one is `after.version − 1` (none for 1). */
  saveCandidate(after: Candidate): Promise<boolean>;
}
