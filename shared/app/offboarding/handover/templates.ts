import { defaultTemplates, OffboardingTemplate, TemplateNode } from '#domain/offboarding/template.ts';
import { type FieldIssue, InvalidInputError, NotFoundError, requireVersion } from '#kernel/errors.ts';
import { type Principal, requirePermission } from '#kernel/principal.ts';
import * as z from '#kernel/zod.ts';
import type { TemplateStore } from '#ports/offboarding/templateStore.ts';
import { templateNodeIssues } from './nodes/index.ts';

/**
 * A template as a whole: its shape (the schema), then each node against its kind (the registry: known
 * kinds, their confirmers, what a kind's node must say).
 */
export function parseTemplate(
  input: unknown,
): { success: true; data: OffboardingTemplate } | { success: false; issues: FieldIssue[] } {
  const parsed = OffboardingTemplate.safeParse(input);
  // Every issue at once: the nodes are checked against their kinds whenever each node is well formed.
  const nodes = z.array(TemplateNode).safeParse((input as { nodes?: unknown } | null)?.nodes);
  const issues = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message }))),
    ...(nodes.success ? templateNodeIssues(nodes.data) : []),
  ];
  return parsed.success && issues.length === 0
    ? { success: true, data: parsed.data }
    : { success: false, issues };
}

export type VersionedTemplate = OffboardingTemplate & { version: number; builtIn: boolean };

/** The templates in force: the defaults, each replaced by HR's stored version of it, plus HR's own. */
export async function templatesInForce(
  templates: Pick<TemplateStore, 'stored'>,
): Promise<VersionedTemplate[]> {
  const stored = await templates.stored();
  const byId = new Map<string, VersionedTemplate>(
    defaultTemplates.map((t) => [t.id, { ...t, version: 0, builtIn: true }]),
  );
  for (const t of stored) byId.set(t.id, { ...t, builtIn: defaultTemplates.some((d) => d.id === t.id) });
  return [...byId.values()].sort((a, b) => a.rank - b.rank || a.id.localeCompare(b.id));
}

/** HR admins shape the templates; everyone who runs offboarding reads them. */
export function makeTemplates(deps: { templates: TemplateStore }) {
  return {
    async list(actor: Principal) {
      requirePermission(actor, 'offboarding:manage');
      return templatesInForce(deps.templates);
    },
    async get(actor: Principal, id: string) {
      requirePermission(actor, 'offboarding:manage');
      const template = (await templatesInForce(deps.templates)).find((t) => t.id === id);
      if (!template) throw new NotFoundError(`Template ${id}`);
      return template;
    },
    /** Stores a template (a new one, or HR's version of a default), on condition of the version read. */
    async put(
      actor: Principal,
      id: string,
      input: unknown,
      expectedVersion: number | undefined,
    ): Promise<VersionedTemplate> {
      requirePermission(actor, 'settings:manage');
      const parsed = parseTemplate({ ...(input as object), id });
      if (!parsed.success) throw new InvalidInputError('The template is not valid.', parsed.issues);
      const current = (await templatesInForce(deps.templates)).find((t) => t.id === id);
      const stored = current && !(current.builtIn && current.version === 0) ? current.version : undefined;
      requireVersion(current?.version ?? 0, expectedVersion);
      const version = await deps.templates.put(parsed.data, stored);
      return { ...parsed.data, version, builtIn: current?.builtIn ?? false };
    },
  };
}
