import { type RiskWeights, type RiskWeightsInput, weightIssues } from '#domain/risk/weights.ts';
import type { Clock } from '#kernel/clock.ts';
import { InvalidInputError, requireVersion } from '#kernel/errors.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { committing } from '#kernel/writes.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';
import type { WeightsStore } from '#ports/risk/weightsStore.ts';

/**
 * The risk weights: HR reads them (every score names its version); an HR admin sets a new version,
 * recorded as evidence. Older versions stay, so any score can be computed again with its own.
 */
export function makeRiskWeights({
  weights,
  evidence,
  clock,
}: {
  weights: WeightsStore;
  evidence: EvidenceLog;
  clock: Clock;
}) {
  return {
    async get(actor: Principal, version?: number): Promise<RiskWeights> {
      if (!actor.permissions.has('risk:read:all')) requirePermission(actor, 'risk:read:team');
      if (version === undefined) return weights.current();
      const found = await weights.get(version);
      if (!found)
        throw new InvalidInputError(`There is no version ${version} of the weights.`, [
          { field: 'version', message: `No version ${version}` },
        ]);
      return found;
    },

    async set(
      actor: Principal,
      input: RiskWeightsInput,
      reason: string,
      expectedVersion: number | undefined,
    ) {
      requirePermission(actor, 'risk:configure');
      const issues = weightIssues(input);
      if (issues.length > 0) throw new InvalidInputError('The weights do not hold together.', issues);
      const current = await weights.current();
      requireVersion(current.version, expectedVersion);
      const next: RiskWeights = {
        ...input,
        version: current.version + 1,
        setBy: actor.employeeId,
        setAt: clock.now().toISOString(),
        reason,
      };
      await committing(weights.prepareSave(next), (writes) =>
        evidence.append(
          [
            {
              actor: actor.employeeId,
              action: 'risk.weights-set',
              subject: 'risk:weights',
              reason,
              details: { version: next.version, from: current.version },
            },
          ],
          { alongside: writes },
        ),
      );
      return next;
    },
  };
}
