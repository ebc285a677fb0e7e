import { reviewCycleReleased } from '#domain/performance/index.ts';
import { type FunctionDefinition, httpFunction } from '../definition.ts';
import { skillRoutes } from './api/routes.ts';

export const trainingFunctions: readonly FunctionDefinition[] = [
  httpFunction({
    area: 'training',
    entry: 'functions/training/api/handler.ts',
    description: 'Training: the skill catalogue, the levels positions require, evidence and gaps',
    routes: [...skillRoutes],
    needs: { tables: { hr: 'write' }, cursorKey: true },
  }),
  {
    id: 'ReviewSkillEvidence',
    entry: 'functions/training/reviewEvidence.ts',
    description: "A released cycle's ratings of competencies that name a skill become evidence of its level",
    triggers: [{ kind: 'event', events: [reviewCycleReleased] }],
    needs: { tables: { hr: 'write' } },
    timeoutSeconds: 300,
  },
];
