import type { TemplateNode } from '#domain/offboarding/template.ts';
import { assetsNode } from './assets.ts';
import { customersNode } from './customers.ts';
import type { NodeKind } from './nodeKind.ts';
import { teamNode } from './team.ts';
import { workReportNode } from './workReport.ts';

/**
 * The node kinds a handover can have, in the order the case view and the report show them. A new
 * kind is its module in this folder and one line here; the workflow, the case and the API follow.
 */
export const nodeKinds: readonly NodeKind[] = [
  customersNode,
  workReportNode,
  teamNode,
  assetsNode,
] as readonly NodeKind[];

export function nodeKindOf(kind: string): NodeKind {
  const found = nodeKinds.find((k) => k.kind === kind);
  if (!found) throw new Error(`No node kind ${kind}`);
  return found;
}

/** What is wrong with a template's nodes for their kinds: unknown kinds, confirmers, kind rules. */
export function templateNodeIssues(nodes: readonly TemplateNode[]): { field: string; message: string }[] {
  return nodes.flatMap((node, i) => {
    const at = (field: string) => `nodes.${i}.${field}`;
    const kind = nodeKinds.find((k) => k.kind === node.kind);
    if (!kind)
      return [{ field: at('kind'), message: `Not one of ${nodeKinds.map((k) => k.kind).join(', ')}` }];
    return [
      ...(kind.confirmers.includes(node.confirmedBy)
        ? []
        : [
            {
              field: at('confirmedBy'),
              message: `A ${node.kind} node is confirmed by ${kind.confirmers.join(' or ')}`,
            },
          ]),
      ...kind.templateIssues(node).map((issue) => ({ field: at(issue.field), message: issue.message })),
    ];
  });
}

export type { Confirmation, NodeKind } from './nodeKind.ts';
