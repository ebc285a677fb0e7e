import { reviewCycleReleased } from '#domain/performance/index.ts';
import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { mentoringRoutes } from './api/mentoringRoutes.ts';
import { programRoutes } from './api/programRoutes.ts';
import { skillRoutes } from './api/routes.ts';

export const trainingFunctions: readonly FunctionDefinition[] = [
  httpFunction(
    {
      area: 'training',
      entry: 'functions/training/api/handler.ts',
      description:
        'Training: skills, the levels positions require, evidence and gaps; programs, sessions, enrolment, results and effectiveness; mentoring goals, sessions and progress',
      routes: [...skillRoutes, ...programRoutes, ...mentoringRoutes],
      needs: { tables: { hr: 'write', idempotency: 'write' }, cursorKey: true, mail: 'send' },
    },
    // The effectiveness view reads every trainee's and colleague's records over 180 days.
    { timeoutSeconds: 29 },
  ),
  {
    id: 'TrainingReminders',
    entry: 'functions/training/reminders.ts',
    description: 'Daily: everyone enrolled in a session that starts tomorrow (where it happens) is told',
    triggers: [{ kind: 'daily', hour: 'complianceHour' }],
    needs: { tables: { hr: 'write' }, mail: 'send' },
    timeoutSeconds: 300,
  },
  {
    id: 'ReviewSkillEvidence',
    entry: 'functions/training/reviewEvidence.ts',
    description: "A released cycle's ratings of competencies that name a skill become evidence of its level",
    triggers: [{ kind: 'event', events: [reviewCycleReleased] }],
    needs: { tables: { hr: 'write' } },
    timeoutSeconds: 300,
  },
];
