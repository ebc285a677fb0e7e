import type {
  Enrolment,
  MentoringGoal,
  MentoringSession,
  PositionSkills,
  Session,
  Skill,
  SkillRecord,
  Training,
} from '#domain/training/index.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';

/** The skill catalogue, positions' requirements and people's evidence (table Hr). */
export interface SkillStore {
  get(id: string): Promise<Skill | undefined>;
  getMany(ids: readonly string[]): Promise<Map<string, Skill>>;
  list(page: PageRequest): Promise<PageResult<Skill>>;
  /** False when the id is taken. */
  create(skill: Skill): Promise<boolean>;
  position(position: string): Promise<PositionSkills | undefined>;
  positions(positions: readonly string[]): Promise<Map<string, PositionSkills>>;
  /** The next version, on condition that the stored one is still `after.version − 1` (none for 1). */
  savePosition(after: PositionSkills): Promise<boolean>;
  record(employeeId: string): Promise<SkillRecord | undefined>;
  records(employeeIds: readonly string[]): Promise<Map<string, SkillRecord>>;
  /** The next version of someone's evidence, on the same condition. */
  saveRecord(after: SkillRecord): Promise<boolean>;
}

/** Training programs, their sessions and enrolments (table Hr, one partition per program). */
export interface TrainingStore {
  get(id: string): Promise<Training | undefined>;
  list(page: PageRequest): Promise<PageResult<Training>>;
  /** Every program (a catalogue: tens to hundreds), for the proposals for gaps. */
  all(): Promise<Training[]>;
  /** False when the id is taken. */
  create(training: Training): Promise<boolean>;
  session(trainingId: string, id: string): Promise<Session | undefined>;
  sessions(trainingId: string, page: PageRequest): Promise<PageResult<Session>>;
  /** Sessions of any program starting from…to (instants, inclusive): the reminders' sweep. */
  sessionsStarting(from: string, to: string): Promise<Session[]>;
  createSession(session: Session): Promise<boolean>;
  enrolment(trainingId: string, sessionId: string, employeeId: string): Promise<Enrolment | undefined>;
  enrolments(trainingId: string, sessionId: string): Promise<Enrolment[]>;
  /** Every enrolment of a program, all its sessions. */
  programEnrolments(trainingId: string): Promise<Enrolment[]>;
  /** Someone's enrolments, latest session first. */
  enrolmentsOf(employeeId: string, page: PageRequest): Promise<PageResult<Enrolment>>;
  /**
   * A new enrolment with the session's count, on condition that it has room and the person no
   * enrolment yet: 'full' or 'enrolled' (already) say which did not hold; nothing is written then.
   */
  enrol(session: Session, enrolment: Enrolment): Promise<'done' | 'full' | 'enrolled'>;
  /**
   * Enrolments as they now stand and the evidence records they change, in one transaction, each
   * on condition that it is unchanged since read (its `updatedAt`, a record's version): false if not.
   */
  saveOutcomes(
    changes: readonly { before: Enrolment; after: Enrolment }[],
    records: readonly SkillRecord[],
  ): Promise<boolean>;
}

/** A mentorship's goals and logged sessions (table Hr, in the mentorship's partition). */
export interface MentoringStore {
  goals(mentorshipId: string): Promise<MentoringGoal[]>;
  /** False when the id is taken. */
  createGoal(goal: MentoringGoal): Promise<boolean>;
  /** Newest first. */
  sessions(mentorshipId: string, page: PageRequest): Promise<PageResult<MentoringSession>>;
  allSessions(mentorshipId: string): Promise<MentoringSession[]>;
  /** False when the id is taken. */
  createSession(session: MentoringSession): Promise<boolean>;
}
