import { randomBytes } from 'node:crypto';
import { type Interaction, interactionId, type NewInteraction } from '#domain/customers/interaction.ts';
import { interactionDay, interactionPeople, withInteraction } from '#domain/customers/knowledge.ts';
import type { Clock } from '#kernel/clock.ts';
import { InvalidInputError, PermissionDeniedError } from '#kernel/errors.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { Principal } from '#kernel/principal.ts';
import type { InteractionStore } from '#ports/customers/interactionStore.ts';
import type { Customers } from './customers.ts';
import type { KnowledgeWriter } from './knowledge.ts';

export interface InteractionDeps {
  customers: Pick<Customers, 'visible'>;
  interactions: InteractionStore;
  knowledge: KnowledgeWriter;
  clock: Clock;
  /** The company's: an interaction counts on its day there. */
  timeZone: string;
}

/**
 * A customer's follow-ups, as records of their own: who followed up, how, when and with whom. Those
 * who may read a customer read its interactions and record their own; HR records anyone's.
 */
export function makeInteractions({ customers, interactions, knowledge, clock, timeZone }: InteractionDeps) {
  return {
    async record(actor: Principal, customerId: string, input: NewInteraction): Promise<Interaction> {
      const customer = await customers.visible(actor, customerId);
      const employeeId = input.employeeId ?? actor.employeeId;
      if (employeeId !== actor.employeeId && !actor.permissions.has('customer:read:all'))
        throw new PermissionDeniedError('You record your own interactions; HR records anyone’s.');
      if (!actor.permissions.has('customer:write')) throw PermissionDeniedError.needs('customer:write');
      const at = new Date(input.at);
      if (at.getTime() > clock.now().getTime() + 5 * 60_000)
        throw new InvalidInputError('An interaction is recorded once it took place.', [
          { field: 'at', message: 'In the future' },
        ]);
      const now = clock.now();
      const interaction: Interaction = {
        id: interactionId(now, randomBytes(4).toString('hex')),
        customerId: customer.id,
        employeeId,
        kind: input.kind,
        at: at.toISOString(),
        note: input.note,
        participants: [...new Set(input.participants)].filter((id) => id !== employeeId),
        recordedBy: actor.employeeId,
        recordedAt: now.toISOString(),
      };
      const day = interactionDay(interaction.at, timeZone);
      return knowledge.commit(customer.id, async () => ({
        change: interactions.prepareCreate(interaction),
        activity: (a) => withInteraction(a, interactionPeople(interaction), day),
        result: interaction,
      }));
    },

    async list(actor: Principal, customerId: string, page: PageRequest): Promise<PageResult<Interaction>> {
      await customers.visible(actor, customerId);
      return interactions.list(customerId, page);
    },
  };
}
