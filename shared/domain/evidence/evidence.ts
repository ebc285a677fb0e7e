import { createHash } from 'node:crypto';
import { canonicalJson } from '#kernel/canonicalJson.ts';
import { MapKey, text, upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

/**
 * The evidence log: an append-only, hash-chained record of everything that matters afterwards
 * (grants and revocations, signatures, exports, ownership transfers, backups, restores).
 *
 * Items (table Evidence): chain = "main", seq = 1, 2, 3… Each entry's hash covers its canonical
 * form and the previous entry's hash, so changing, removing or reordering any entry breaks every
 * later link. Access patterns: the chain in order (Query chain); by subject (GSI bySubject:
 * subject, at); by offboarding case (GSI byCase: caseId, at).
 */
export const evidenceChain = 'main';
export const genesisHash = '0'.repeat(64);

export const EvidenceDraft = z.object({
  /** An employee id, or `system` for scheduled and automatic actions. */
  actor: text(20),
  /** What happened, e.g. `permission.revoked`. */
  action: z.string().check(z.maxLength(100), z.regex(/^[a-z]+(?:[.-][a-z]+)+$/)),
  /** What it happened to, e.g. `employee:E1001`. */
  subject: z.string().check(z.maxLength(200), z.regex(/^[a-z-]+:.+$/)),
  caseId: z.optional(upTo(40)),
  reason: z.optional(upTo(2000)),
  details: z._default(z.record(MapKey, z.unknown()), {}),
});
export type EvidenceDraft = z.input<typeof EvidenceDraft>;

export interface EvidenceEntry {
  seq: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  caseId?: string;
  reason?: string;
  details: Record<string, unknown>;
  prevHash: string;
  hash: string;
}

export type ChainHead = Pick<EvidenceEntry, 'seq' | 'hash'>;

export function hashOf(entry: Omit<EvidenceEntry, 'hash'>): string {
  return createHash('sha256').update(canonicalJson(entry)).update(entry.prevHash).digest('hex');
}

/** The entries that follow `head`, in order, linked and hashed. */
export function nextEntries(
  head: ChainHead | undefined,
  drafts: readonly EvidenceDraft[],
  at: Date,
): EvidenceEntry[] {
  let seq = head?.seq ?? 0;
  let prevHash = head?.hash ?? genesisHash;
  return drafts.map((draft) => {
    const parsed = EvidenceDraft.parse(draft);
    seq += 1;
    const unsigned = {
      seq,
      at: at.toISOString(),
      actor: parsed.actor,
      action: parsed.action,
      subject: parsed.subject,
      ...(parsed.caseId !== undefined ? { caseId: parsed.caseId } : {}),
      ...(parsed.reason !== undefined ? { reason: parsed.reason } : {}),
      details: parsed.details,
      prevHash,
    };
    const entry = { ...unsigned, hash: hashOf(unsigned) };
    prevHash = entry.hash;
    return entry;
  });
}

export type ChainProblem = 'missing' | 'link' | 'hash';

export type ChainVerification =
  | { intact: true; entries: number; headHash: string }
  | { intact: false; entries: number; brokenAt: number; problem: ChainProblem; detail: string };

/**
 * Walks entries in sequence order (fed page by page) and stops at the first broken link: a missing
 * sequence number, an entry whose prevHash is not its predecessor's hash, or one whose content no
 * longer matches its own hash.
 */
export class ChainVerifier {
  private expectedSeq = 1;
  private prevHash = genesisHash;
  private failure: Extract<ChainVerification, { intact: false }> | undefined;

  feed(entries: readonly EvidenceEntry[]): boolean {
    for (const entry of entries) {
      if (this.failure) return false;
      const fail = (problem: ChainProblem, detail: string) => {
        this.failure = {
          intact: false,
          entries: this.expectedSeq - 1,
          brokenAt: this.expectedSeq,
          problem,
          detail,
        };
      };
      const { hash, ...unsigned } = entry;
      if (entry.seq !== this.expectedSeq)
        fail('missing', `expected entry ${this.expectedSeq}, found ${entry.seq}`);
      else if (entry.prevHash !== this.prevHash)
        fail('link', `entry ${entry.seq} does not point at entry ${entry.seq - 1}`);
      else if (hashOf(unsigned) !== hash) fail('hash', `entry ${entry.seq} was changed after it was written`);
      else {
        this.expectedSeq += 1;
        this.prevHash = hash;
      }
    }
    return !this.failure;
  }

  result(): ChainVerification {
    return this.failure ?? { intact: true, entries: this.expectedSeq - 1, headHash: this.prevHash };
  }
}
