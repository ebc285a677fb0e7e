import { makeReadEvidence } from '#app/evidence/readEvidence.ts';
import { evidence } from './platform.ts';

/** The evidence log as its readers see it (every area appends to it through the platform). */
export const evidenceApi = () => makeReadEvidence({ evidence: evidence() });
