import type { RiskWeights } from '#domain/risk/weights.ts';
import type { PreparedChange } from '#kernel/writes.ts';

/** The versions of the risk weights; none stored means version 1, the product's defaults. */
export interface WeightsStore {
  current(): Promise<RiskWeights>;
  get(version: number): Promise<RiskWeights | undefined>;
  /** A new version, on condition that nobody stored it first. */
  prepareSave(weights: RiskWeights): PreparedChange;
}
