import { reportsTo } from '#app/people/index.ts';
import type { EvidenceDraft } from '#domain/evidence/index.ts';
import type { CaseNode, HandoverItemBase, OffboardingCase } from '#domain/offboarding/case.ts';
import { ConflictError, NotFoundError } from '#kernel/errors.ts';
import type { Principal } from '#kernel/principal.ts';
import { type Signature, sha256Hex, splitSignature, statementBytes } from '#kernel/signature.ts';
import { combineChanges, committing } from '#kernel/writes.ts';
import type { OffboardingDeps } from './deps.ts';
import type { NodeKind } from './nodes/nodeKind.ts';

/** Items a confirmation moves: up to this many in one transaction with the evidence entry. */
const chunk = 90;

/** What node kinds work with: the offboarding ports, and what every confirmation does the same way. */
export interface HandoverContext extends OffboardingDeps {
  /** HR runs offboarding: it may do what any confirmer may. */
  isHr(actor: Principal): boolean;
  /** The employee's manager, or anyone above them who reads their team. */
  isManagerOf(actor: Principal, c: OffboardingCase): Promise<boolean>;
  /** The node of a kind, which must be open in an open case. */
  requireOpen(c: OffboardingCase, kind: string): CaseNode;
  /** A node's items, parsed by its kind. */
  itemsOf<I extends HandoverItemBase>(kind: NodeKind<I>, caseId: string): Promise<I[]>;
  itemOf<I extends HandoverItemBase>(
    kind: NodeKind<I>,
    caseId: string,
    itemId: string,
  ): Promise<I | undefined>;
  /** A server-side attestation: who confirmed exactly which statement, when, signed by the product's key. */
  sign(signer: string, action: string, statement: Record<string, unknown>): Promise<Signature>;
  /**
   * Item updates with one evidence entry, in chunks that each commit all-or-nothing; the statement of
   * a signature they carry is stored once, in the first chunk, and the items keep a reference to it.
   */
  commitItems<I extends HandoverItemBase>(
    c: OffboardingCase,
    changes: { before: I; after: I }[],
    draft: (items: I[]) => EvidenceDraft,
  ): Promise<void>;
}

export function handoverContext(deps: OffboardingDeps): HandoverContext {
  return {
    ...deps,
    isHr: (actor) => actor.permissions.has('offboarding:manage'),
    isManagerOf: async (actor, c) =>
      actor.employeeId === c.managerId ||
      (actor.permissions.has('employee:read:team') &&
        (await reportsTo(deps.employees, { managerId: c.managerId }, actor.employeeId))),
    requireOpen(c, kind) {
      const node = c.nodes.find((n) => n.kind === kind);
      if (!node) throw new NotFoundError(`A ${kind} node in case ${c.id}`);
      if (c.status !== 'open' || node.status !== 'open')
        throw new ConflictError(
          'node_closed',
          `The ${kind} node of case ${c.id} is ${node.status === 'open' ? c.status : node.status}.`,
        );
      return node;
    },
    async itemsOf(kind, caseId) {
      return (await deps.cases.items(caseId, kind.kind)).map((i) => kind.item.parse(i));
    },
    async itemOf(kind, caseId, itemId) {
      const item = await deps.cases.getItem(caseId, kind.kind, itemId);
      return item ? kind.item.parse(item) : undefined;
    },
    async sign(signer, action, statement) {
      const bytes = statementBytes(statement);
      const { keyId, signature } = await deps.signer.sign(bytes);
      return {
        signer,
        at: deps.clock.now().toISOString(),
        action,
        statement,
        statementSha256: sha256Hex(bytes),
        keyId,
        algorithm: 'ECDSA_SHA_256',
        signature,
      };
    },
    async commitItems(c, changes, draft) {
      // A signature's statement is stored once, with the first chunk; the items keep its reference.
      const statements = new Map<string, Record<string, unknown>>();
      const stored = changes.map(({ before, after }) => {
        if (!after.signature || !('statement' in after.signature)) return { before, after };
        const { ref, statement } = splitSignature(after.signature as Signature);
        statements.set(ref.statementSha256, statement);
        return { before, after: { ...after, signature: ref } };
      });
      for (let start = 0; start < stored.length; start += chunk) {
        const part = stored.slice(start, start + chunk);
        const change = combineChanges(
          ...(start === 0
            ? [...statements].map(([sha256, statement]) =>
                deps.cases.prepareStatement(c.id, sha256, statement),
              )
            : []),
          ...part.map(({ before, after }) => deps.cases.prepareItemUpdate(c.id, before, after)),
        );
        await committing(change, (writes) =>
          deps.evidence.append([draft(part.map((p) => p.after))], { alongside: writes }),
        );
      }
    },
  };
}
