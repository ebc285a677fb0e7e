import type { CustomerChange, CustomerRecord } from '#domain/customers/customer.ts';
import type { Clock } from '#kernel/clock.ts';
import { InvalidInputError, isDomainError } from '#kernel/errors.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import { combineChanges, committing } from '#kernel/writes.ts';
import type { CustomerStore } from '#ports/customers/customerStore.ts';
import type { EvidenceLog } from '#ports/evidence/index.ts';

/**
 * Three items a customer (the new version, its history, its knowledge record), the owner check and one evidence entry:
 * within DynamoDB's 100 items a transaction.
 */
const chunkSize = 32;
const maxWrites = 99;
/** A chunk that lost a race with an edit is read again and retried this often. */
const attempts = 3;

export interface TransferRequest {
  toOwnerId: string;
  reason: string;
  /** These customers; or, with `fromOwnerId`, every customer of that owner. */
  customerIds?: readonly string[];
  fromOwnerId?: string;
  /** With `fromOwnerId`: move at most this many now (`more` says whether the owner has others left). */
  atMost?: number;
  /** The offboarding case the transfer belongs to, for its evidence. */
  caseId?: string;
}

export interface TransferResult {
  moved: string[];
  alreadyThere: string[];
  notFound: string[];
  /** Whether the owner still has customers this request did not move: repeat it to move them. */
  more: boolean;
}

/** The most customers one transfer request moves (the rest: repeat it). */
export const maxTransfer = 5000;

export interface TransferDeps {
  customers: CustomerStore;
  evidence: EvidenceLog;
  clock: Clock;
}

/**
 * Moves customers to a new owner: in chunks that commit all-or-nothing, each with a history entry per
 * customer and one evidence entry per chunk. Running it again moves nothing twice: customers already
 * with the new owner are left alone, so an interrupted transfer is finished by repeating it.
 */
export const makeTransferCustomers =
  ({ customers, evidence, clock }: TransferDeps) =>
  async (actor: Principal | 'system', request: TransferRequest): Promise<TransferResult> => {
    if (actor !== 'system') requirePermission(actor, 'customer:transfer');
    const actorId = actor === 'system' ? 'system' : actor.employeeId;
    const listed = request.customerIds
      ? [...new Set(request.customerIds)]
      : await allOf(customers, request.fromOwnerId, request.atMost);
    const ids = request.atMost === undefined ? listed : listed.slice(0, request.atMost);
    const result: TransferResult = {
      moved: [],
      alreadyThere: [],
      notFound: [],
      more: ids.length < listed.length,
    };

    const commitChunk = async (moving: readonly CustomerRecord[]) => {
      const at = clock.now().toISOString();
      const change = combineChanges(
        customers.prepareOwnerCheck(request.toOwnerId),
        ...moving.map((before) => {
          const after = { ...before, ownerId: request.toOwnerId, version: before.version + 1, updatedAt: at };
          const entry: CustomerChange = {
            customerId: before.id,
            version: after.version,
            actor: actorId,
            at,
            reason: request.reason,
            changes: { ownerId: { from: before.ownerId, to: request.toOwnerId } },
          };
          return customers.prepareNextVersion(before, after, entry, { ownerChecked: true });
        }),
      );
      if (change.writes.length > maxWrites)
        throw new Error(`A transfer chunk grew to ${change.writes.length} writes`);
      await committing(change, (writes) =>
        evidence.append(
          [
            {
              actor: actorId,
              action: 'customers.transferred',
              subject: `employee:${request.toOwnerId}`,
              ...(request.caseId ? { caseId: request.caseId } : {}),
              reason: request.reason,
              details: {
                customers: Object.fromEntries(moving.map((c) => [c.id, c.ownerId])),
                to: request.toOwnerId,
              },
            },
          ],
          { alongside: writes },
        ),
      );
    };

    for (let start = 0; start < ids.length; start += chunkSize) {
      const chunkIds = ids.slice(start, start + chunkSize);
      for (let attempt = 1; ; attempt++) {
        const stored = await customers.getMany(chunkIds);
        const gone = chunkIds.filter((id) => !stored.get(id) || stored.get(id)?.deletedAt);
        const there = chunkIds.filter(
          (id) => stored.get(id)?.ownerId === request.toOwnerId && !gone.includes(id),
        );
        const moving = chunkIds
          .filter((id) => !gone.includes(id) && !there.includes(id))
          .map((id) => stored.get(id) as CustomerRecord);
        try {
          if (moving.length > 0) await commitChunk(moving);
          result.moved.push(...moving.map((c) => c.id));
          result.alreadyThere.push(...there);
          result.notFound.push(...gone);
          break;
        } catch (error) {
          // Someone edited a customer of this chunk meanwhile: read it again (unless it keeps happening).
          const raced = isDomainError(error) && error.code === 'stale_version';
          if (!raced || attempt >= attempts) throw error;
        }
      }
    }
    return result;
  };

async function allOf(
  customers: CustomerStore,
  ownerId: string | undefined,
  atMost?: number,
): Promise<string[]> {
  if (!ownerId)
    throw new InvalidInputError('Name the customers, or the owner whose customers move.', [
      { field: 'customerIds', message: 'Required without fromOwnerId' },
    ]);
  return customerIdsOf(customers, ownerId, atMost === undefined ? undefined : atMost + 1);
}

/** Every customer an employee owns, key accounts included, page by page. */
export async function customerIdsOf(
  customers: CustomerStore,
  ownerId: string,
  enough = Number.POSITIVE_INFINITY,
): Promise<string[]> {
  const ids: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await customers.listByOwner(
      ownerId,
      { keyAccounts: true },
      { limit: 100, ...(startKey ? { startKey } : {}) },
    );
    ids.push(...page.items.map((c) => c.id));
    startKey = page.nextKey;
  } while (startKey && ids.length < enough);
  return ids;
}
