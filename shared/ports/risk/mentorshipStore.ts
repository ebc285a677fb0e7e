import type { Mentorship } from '#domain/risk/mentorship.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange } from '#kernel/writes.ts';

export interface MentorshipStore {
  get(id: string): Promise<Mentorship | undefined>;
  /** Every mentorship, newest start first. */
  list(page: PageRequest): Promise<PageResult<Mentorship>>;
  /** Whom someone mentors, newest start first. */
  listByMentor(mentorId: string, page: PageRequest): Promise<PageResult<Mentorship>>;
  /** Who mentors someone, newest start first. */
  listByMentee(menteeId: string, page: PageRequest): Promise<PageResult<Mentorship>>;
  /** The record and its index items; refused when the id is taken or a person does not exist. */
  prepareCreate(m: Mentorship): PreparedChange;
  /** The next version, on condition that the stored one is still `before`. */
  prepareUpdate(before: Mentorship, after: Mentorship): PreparedChange;
}
