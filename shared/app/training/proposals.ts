import type { Session, Training } from '#domain/training/index.ts';
import type { Clock } from '#kernel/clock.ts';
import { everyPage } from '#kernel/pages.ts';
import type { TrainingStore } from '#ports/training/index.ts';

/** A program that would close a gap, with its next sessions that have places. */
export interface Proposal {
  trainingId: string;
  name: Training['name'];
  /** The level it certifies. */
  level: number;
  nextSessions: Pick<Session, 'id' | 'startsAt' | 'local' | 'capacity' | 'enrolled'>[];
}

/**
 * For gaps, the programs that cover them: those certifying the skill at the required level or above,
 * the closest fit first, each with up to three coming sessions that still have places.
 */
export function makeProposals(deps: { trainings: Pick<TrainingStore, 'all' | 'sessions'>; clock: Clock }) {
  return async (gaps: readonly { skillId: string; required: number }[]) => {
    const wanted = gaps.filter((g) => g.required > 0);
    const proposals = new Map<string, Proposal[]>();
    if (wanted.length === 0) return proposals;
    const programs = await deps.trainings.all();
    const now = deps.clock.now().toISOString();
    const upcoming = new Map<string, Promise<Proposal['nextSessions']>>();
    const next = (id: string) => {
      let found = upcoming.get(id);
      if (!found) {
        found = everyPage((page) => deps.trainings.sessions(id, page), 100).then((all) =>
          all
            .filter((s) => s.startsAt > now && s.enrolled < s.capacity)
            .sort((a, b) => a.startsAt.localeCompare(b.startsAt))
            .slice(0, 3)
            .map(({ id, startsAt, local, capacity, enrolled }) => ({
              id,
              startsAt,
              local,
              capacity,
              enrolled,
            })),
        );
        upcoming.set(id, found);
      }
      return found;
    };
    for (const gap of wanted) {
      const key = `${gap.skillId}#${gap.required}`;
      if (proposals.has(key)) continue;
      const fitting = programs
        .flatMap((p) =>
          p.certifies
            .filter((c) => c.skillId === gap.skillId && c.level >= gap.required)
            .map((c) => ({ p, level: c.level })),
        )
        .sort((a, b) => a.level - b.level || a.p.id.localeCompare(b.p.id))
        .slice(0, 5);
      proposals.set(
        key,
        await Promise.all(
          fitting.map(async ({ p, level }) => ({
            trainingId: p.id,
            name: p.name,
            level,
            nextSessions: await next(p.id),
          })),
        ),
      );
    }
    return proposals;
  };
}

export type ProposalsFor = ReturnType<typeof makeProposals>;
