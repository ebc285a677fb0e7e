import type { Interaction } from '#domain/customers/interaction.ts';
import type { PageRequest, PageResult } from '#kernel/pages.ts';
import type { PreparedChange } from '#kernel/writes.ts';

export interface InteractionStore {
  /** A customer's interactions, newest first. */
  list(customerId: string, page: PageRequest): Promise<PageResult<Interaction>>;
  /** Every interaction of a customer (for a knowledge record built afresh). */
  all(customerId: string): Promise<Interaction[]>;
  /** The interaction; every person it names must be an employee. */
  prepareCreate(interaction: Interaction): PreparedChange;
}
