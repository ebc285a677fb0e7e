import { randomUUID } from 'node:crypto';
import { AssetSnapshot, HandoverItemBase } from '#domain/offboarding/case.ts';
import { ConflictError, InvalidInputError, NotFoundError } from '#kernel/errors.ts';
import { upTo } from '#kernel/text.ts';
import { committing } from '#kernel/writes.ts';
import * as z from '#kernel/zod.ts';
import { defineConfirmation, defineNodeKind } from './nodeKind.ts';

export const AssetItem = z.object({
  ...HandoverItemBase.shape,
  node: z.literal('assets'),
  id: AssetSnapshot.shape.id,
  snapshot: AssetSnapshot,
  status: z.enum(['pending', 'returned', 'lost', 'damaged']),
  condition: z.optional(upTo(200)),
  note: z.optional(upTo(1000)),
  costMinor: z.optional(z.int().check(z.gte(0), z.lte(1_000_000_000_000))),
});
export type AssetItem = z.infer<typeof AssetItem>;

/** What HR or the admin office says of an asset to take back. */
export const NewAsset = z.strictObject({
  kind: AssetSnapshot.shape.kind,
  name: AssetSnapshot.shape.name,
  serial: AssetSnapshot.shape.serial,
});

export const newAssetId = () => `A${randomUUID().slice(0, 8)}`;

const add = defineConfirmation({
  http: {
    method: 'POST',
    path: 'assets',
    operationId: 'addCaseAsset',
    problems: ['item_exists'],
    summary: 'HR or the admin office adds an asset to take back',
    response: 'The case with the asset',
  },
  input: () => ({
    body: NewAsset,
  }),
  who: {
    may: (context, actor) => context.isHr(actor) || actor.permissions.has('offboarding:confirm-assets'),
    refusal: 'HR or the admin office records assets.',
  },
  /** The asset joins the employee's register too. */
  async run(context, actor, c, { body }) {
    context.requireOpen(c, 'assets');
    const snapshot: AssetSnapshot = { id: newAssetId(), ...body };
    await context.cases.putAsset(c.employeeId, snapshot);
    await committing(
      context.cases.prepareItemCreate(c.id, {
        node: 'assets',
        id: snapshot.id,
        snapshot,
        status: 'pending',
        version: 1,
      }),
      (writes) =>
        context.evidence.append(
          [
            {
              actor: actor.employeeId,
              action: 'handover.asset-added',
              subject: `employee:${c.employeeId}`,
              caseId: c.id,
              details: { asset: snapshot },
            },
          ],
          { alongside: writes },
        ),
    );
  },
});

const confirm = defineConfirmation({
  http: {
    method: 'POST',
    path: 'assets/{assetId}/confirm',
    operationId: 'confirmAsset',
    problems: ['asset_confirmed'],
    summary: 'The admin office confirms an asset returned, or records it lost or damaged with a cost',
    response: 'The case after the confirmation',
  },
  input: () => ({
    params: z.object({ assetId: AssetSnapshot.shape.id }),
    body: z.strictObject({
      status: z.enum(['returned', 'lost', 'damaged']),
      condition: z.optional(z.string().check(z.maxLength(200))),
      note: z.optional(z.string().check(z.maxLength(1000))),
      costMinor: z.optional(z.int().check(z.nonnegative(), z.lte(1e12))),
    }),
  }),
  mayComplete: true,
  who: {
    may: (context, actor, c) =>
      c.nodes.find((n) => n.kind === 'assets')?.confirmedBy === 'hr'
        ? context.isHr(actor)
        : actor.permissions.has('offboarding:confirm-assets') || context.isHr(actor),
    refusal: 'The admin office confirms assets.',
  },
  async run(context, actor, c, { params, body: outcome }) {
    const item = await context.itemOf(assetsNode, c.id, params.assetId);
    if (!item) throw new NotFoundError(`Asset ${params.assetId} in case ${c.id}`);
    // Confirming again what is confirmed changes nothing, even once the node has closed.
    if (item.status === outcome.status) return;
    context.requireOpen(c, 'assets');
    if (item.status !== 'pending')
      throw new ConflictError('asset_confirmed', `Asset ${params.assetId} is already ${item.status}.`);
    if (outcome.status !== 'returned' && outcome.costMinor === undefined)
      throw new InvalidInputError('A lost or damaged asset has a cost.', [
        { field: 'costMinor', message: 'Required unless returned' },
      ]);
    const recorded = {
      ...(outcome.condition ? { condition: outcome.condition } : {}),
      ...(outcome.note ? { note: outcome.note } : {}),
      ...(outcome.costMinor !== undefined ? { costMinor: outcome.costMinor } : {}),
    };
    const signature = await context.sign(actor.employeeId, `asset.${outcome.status}`, {
      caseId: c.id,
      node: 'assets',
      employeeId: c.employeeId,
      asset: item.snapshot,
      status: outcome.status,
      ...recorded,
    });
    await context.commitItems(
      c,
      [
        {
          before: item,
          after: { ...item, status: outcome.status, ...recorded, signature, version: item.version + 1 },
        },
      ],
      () => ({
        actor: actor.employeeId,
        action: `handover.asset-${outcome.status}`,
        subject: `employee:${c.employeeId}`,
        caseId: c.id,
        details: { asset: params.assetId, ...recorded, statementSha256: signature.statementSha256 },
      }),
    );
  },
});

/** The assets node: what the employee holds (the admin office's register), each returned or accounted for. */
export const assetsNode = defineNodeKind({
  kind: 'assets',
  names: { 'zh-CN': '资产归还', en: 'the asset return' },
  confirmers: ['admin_office', 'hr'],
  item: AssetItem,
  templateIssues: (node) =>
    node.sections ? [{ field: 'sections', message: 'Only the work report lists sections' }] : [],
  open: async (context, { employeeId }) =>
    (await context.cases.assetsOf(employeeId)).map((asset) => ({
      node: 'assets' as const,
      id: asset.id,
      snapshot: asset,
      status: 'pending' as const,
      version: 1,
    })),
  complete: (items) => items.every((i) => i.status !== 'pending'),
  owedBy: (_c, node, items) =>
    items
      .filter((i) => i.status === 'pending')
      .map(() =>
        node.confirmedBy === 'hr' ? { shared: 'hr' as const } : { shared: 'admin_office' as const },
      ),
  told: [{ shared: 'admin_office' }],
  view: { key: 'assets', schema: () => AssetItem },
  report: {
    of: (items) => ({
      assets: items.map((a) => ({
        id: a.id,
        name: a.snapshot.name,
        kind: a.snapshot.kind,
        status: a.status,
        ...(a.condition ? { condition: a.condition } : {}),
        ...(a.note ? { note: a.note } : {}),
        ...(a.costMinor !== undefined ? { costMinor: a.costMinor } : {}),
      })),
    }),
    html: (
      report: {
        assets: {
          id: string;
          name: string;
          kind: string;
          status: string;
          condition?: string;
          note?: string;
          costMinor?: number;
        }[];
      },
      { section, table },
    ) =>
      section(
        '资产',
        'Assets',
        table(
          ['ID', '名称 Name', '类别 Kind', '状态 Status', '备注 Note', '费用 Cost (minor units)'],
          report.assets.map((a) => [
            a.id,
            a.name,
            a.kind,
            a.status,
            [a.condition, a.note].filter(Boolean).join('; '),
            a.costMinor ?? '',
          ]),
        ),
      ),
  },
  confirmations: [add, confirm],
});
