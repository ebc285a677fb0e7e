import type { Recipient } from '#app/communication/index.ts';
import type { ProblemCode } from '#domain/errors.ts';
import type { CaseNode, HandoverItemBase, OffboardingCase } from '#domain/offboarding/case.ts';
import type { Resignation } from '#domain/offboarding/resignation.ts';
import type { TemplateNode } from '#domain/offboarding/template.ts';
import type { Confirmer } from '#domain/offboarding/vocabulary.ts';
import type { Bilingual } from '#kernel/locale.ts';
import type { Principal } from '#kernel/principal.ts';
import type * as z from '#kernel/zod.ts';
import type { HandoverContext } from '../context.ts';
import type { HtmlKit } from '../html.ts';

/**
 * A kind of handover node (customers, work report, assets…): everything the product knows about it,
 * in one module. The workflow, the case and the API are kind-agnostic; they ask the registry
 * (./index.ts). A new kind is one module and one line there.
 */
export interface NodeKind<I extends HandoverItemBase = HandoverItemBase> {
  kind: string;
  /** How people read its name, in reminders, notices and the report. */
  names: Bilingual;
  /** Whom a template may name to confirm it; the template's node picks one. */
  confirmers: readonly Confirmer[];
  /** Its items as stored: every read parses them. */
  item: z.ZodMiniType<I>;
  /** What a template's node of this kind must or must not say (fields of the node, e.g. `sections`). */
  templateIssues(node: TemplateNode): { field: string; message: string }[];
  /** The items the node starts with; a node whose items are complete from the start opens closed. */
  open(context: HandoverContext, opening: { employeeId: string; successorId: string }): Promise<I[]>;
  /** Whether the node is done. */
  complete(items: readonly I[]): boolean;
  /** Whether someone takes part through the node's items (a successor of a customer): they read the case. */
  involves?(items: readonly I[], employeeId: string): boolean;
  /** Who still owes something: one recipient per item owed (reminders and escalations count them). */
  owedBy(c: OffboardingCase, node: CaseNode, items: readonly I[]): Recipient[];
  /**
   * For a kind whose edits take If-Match (the work report): the version they compare with. It is the
   * case's ETag, and only people's edits change it (at most one kind of a case has such edits).
   */
  editedVersion?(items: readonly I[]): number | undefined;
  /**
   * What readers see of its items: under `items.<key>` of the case (counts and a first page; the
   * rest from GET …/items?node=), each item as `of` shows it, described by `schema` in the API.
   */
  view: {
    key: string;
    schema(): z.ZodMiniType;
    of?(item: I): unknown;
    /** Whether the reader sees the item at all (key accounts stay hidden from some); all by default. */
    shows?(item: I, actor: Principal): boolean;
    /** A node of one item (the work report): the case shows the item itself, not a page. */
    single?: true;
  };
  /** Its sections of the handover report: JSON fields and their HTML. */
  report: { of(items: readonly I[]): Record<string, unknown>; html(report: never, kit: HtmlKit): string };
  /** What people do with the node's items through the API. */
  confirmations: readonly Confirmation[];
  /** Shared inboxes told when a case with this node opens (beyond the employee, managers and HR). */
  told?: readonly Recipient[];
  /** After the case opened (the customers' successor is told what to accept). */
  opened?(context: HandoverContext, c: OffboardingCase, items: readonly I[]): Promise<void>;
  /** The resignation changed (successors named): the node's items follow. */
  follow?(context: HandoverContext, c: OffboardingCase, resignation: Resignation): Promise<void>;
  /** At completion, what the node decided takes effect (customers move to their successors); a count. */
  apply?(context: HandoverContext, c: OffboardingCase, items: readonly I[]): Promise<number>;
}

/** How a confirmation is reached over HTTP: a route under /v1/offboarding/{caseId}/. */
export interface ConfirmationHttp {
  method: 'POST' | 'PUT';
  path: string;
  operationId: string;
  summary: string;
  /** What the 200 answer (the case after it) says. */
  response: string;
  /** An edit that needs If-Match with the version the caller read. */
  requiresIfMatch?: boolean;
  /** The problems it answers besides those of every confirmation (node_closed, case_ended). */
  problems?: readonly ProblemCode[];
}

/** A confirmation's path parameters (besides the case id) and body. */
export interface ConfirmationInputSchemas {
  params?: z.ZodMiniObject;
  body?: z.ZodMiniType;
}

export interface ConfirmationInput {
  params: Record<string, string>;
  body: unknown;
  expectedVersion: number | undefined;
}

/** Something someone does with a node's items: accept a customer, approve the work report… */
export interface Confirmation {
  http: ConfirmationHttp;
  /**
   * Built when the API builds its routes: the workflow's functions, which never parse a request, do
   * not build these schemas at cold start. The same goes for a kind's `view.schema`.
   */
  input?(): ConfirmationInputSchemas;
  /** Two people confirming at once may race for an item: the loser runs again and finds it done. */
  retryOnRace?: boolean;
  /** Whether it can be the last thing the node waited for (the node is then closed). */
  mayComplete?: boolean;
  /**
   * Who may do it at all (the items a request names may narrow it further). Asked before anything
   * else of the request, its input included: someone who may not gets 403, whatever they sent.
   */
  who: {
    may(context: HandoverContext, actor: Principal, c: OffboardingCase): boolean | Promise<boolean>;
    refusal: string;
  };
  run(
    context: HandoverContext,
    actor: Principal,
    c: OffboardingCase,
    input: ConfirmationInput,
  ): Promise<void>;
}

type Output<S> = S extends z.ZodMiniType ? z.output<S> : undefined;

/** A confirmation whose `run` gets its path parameters and body typed by their schemas. */
export function defineConfirmation<
  P extends z.ZodMiniObject | undefined,
  B extends z.ZodMiniType | undefined,
>(
  confirmation: Omit<Confirmation, 'input' | 'run'> & {
    input?(): { params?: P; body?: B };
    run(
      context: HandoverContext,
      actor: Principal,
      c: OffboardingCase,
      input: { params: Output<P>; body: Output<B>; expectedVersion: number | undefined },
    ): Promise<void>;
  },
): Confirmation {
  return confirmation as unknown as Confirmation;
}

export const defineNodeKind = <I extends HandoverItemBase>(kind: NodeKind<I>): NodeKind<I> => kind;
