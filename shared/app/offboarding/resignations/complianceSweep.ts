import { type Resignation, scheduleNameOf, stageNames } from '#domain/offboarding/resignation.ts';
import { effectivePermissions } from '#domain/people/index.ts';
import { combineChanges, committing } from '#kernel/writes.ts';
import { makeApplyStage } from './applyStage.ts';
import type { ResignationDeps } from './deps.ts';

export interface SweepFix {
  /** A stage applied late, a schedule made again, access that outlived a leaver. */
  kind: 'stage-applied-late' | 'stage-rescheduled' | 'access-revoked' | 'identity-disabled';
  employeeId: string;
  what: string;
  why: string;
  /** The same, for readers of Chinese. */
  zh: { what: string; why: string };
}

/**
 * The safety net, daily: every stage of every open resignation that is due but not applied is
 * applied now; every future one whose schedule has gone missing is scheduled again; and anyone who
 * has left but still holds a permission or an enabled sign-in loses them. HR's inbox gets a summary
 * of what was fixed and why it was missing.
 */
export const makeComplianceSweep = (deps: ResignationDeps) => {
  const applyStage = makeApplyStage(deps);

  const sweepResignation = async (resignation: Resignation, fixes: SweepFix[]) => {
    for (const name of stageNames) {
      const stage = resignation.stages[name];
      if (stage.status === 'applied' || stage.status === 'cancelled') continue;
      const scheduleName = stage.scheduleName ?? scheduleNameOf(resignation, name);
      if (new Date(stage.dueAt) <= deps.clock.now()) {
        const outcome = await applyStage({
          employeeId: resignation.employeeId,
          resignationId: resignation.id,
          stage: name,
          trigger: 'sweep',
        });
        if (outcome === 'applied') {
          fixes.push({
            kind: 'stage-applied-late',
            employeeId: resignation.employeeId,
            what: `applied the ${name} stage, due ${stage.dueAt}`,
            why: stage.scheduleName
              ? `its schedule ${stage.scheduleName} did not apply it`
              : 'it was never scheduled',
            zh: {
              what: `执行了 ${name} 阶段（应于 ${stage.dueAt} 执行）`,
              why: stage.scheduleName ? `其计划任务 ${stage.scheduleName} 没有执行` : '它从未被计划',
            },
          });
        }
      } else if (!(await deps.scheduler.exists(scheduleName))) {
        await deps.scheduler.schedule({
          name: scheduleName,
          at: new Date(stage.dueAt),
          target: deps.revocationTarget,
          payload: { employeeId: resignation.employeeId, resignationId: resignation.id, stage: name },
        });
        fixes.push({
          kind: 'stage-rescheduled',
          employeeId: resignation.employeeId,
          what: `scheduled the ${name} stage again, for ${stage.dueAt}`,
          why: stage.scheduleName
            ? `its schedule ${stage.scheduleName} was missing`
            : 'it was never scheduled',
          zh: {
            what: `重新计划了 ${name} 阶段，时间 ${stage.dueAt}`,
            why: stage.scheduleName ? `其计划任务 ${stage.scheduleName} 已丢失` : '它从未被计划',
          },
        });
      }
    }
  };

  /** Someone who has left holds nothing: a leftover permission or enabled sign-in goes. */
  const sweepLeaver = async (employeeId: string, fixes: SweepFix[]) => {
    const account = await deps.access.getAccess(employeeId);
    if (!account) return;
    const held = effectivePermissions(account).map((p) => p.permission);
    const at = deps.clock.now().toISOString();
    const reason = 'Compliance sweep: this employee has left';
    if (held.length > 0 || account.status === 'enabled') {
      const parts = held.map((permission) =>
        deps.access.prepareGrant(
          employeeId,
          { permission, effect: 'deny', reason, decidedBy: 'system', decidedAt: at },
          account.grants.find((g) => g.permission === permission),
        ),
      );
      if (account.status === 'enabled') parts.push(deps.access.prepareStatus(account, 'disabled', at));
      await committing(combineChanges(...parts), (writes) =>
        deps.evidence.append(
          [
            ...held.map((permission) => ({
              actor: 'system',
              action: 'permission.revoked',
              subject: `employee:${employeeId}`,
              reason,
              details: { permission },
            })),
            ...(account.status === 'enabled'
              ? [{ actor: 'system', action: 'account.disabled', subject: `employee:${employeeId}`, reason }]
              : []),
          ],
          { alongside: writes },
        ),
      );
      fixes.push({
        kind: 'access-revoked',
        employeeId,
        what: `revoked ${held.length} permission(s)${account.status === 'enabled' ? ' and disabled the account' : ''}`,
        why: 'they had left with access still live',
        zh: {
          what: `撤销了 ${held.length} 项权限${account.status === 'enabled' ? '并停用了账号' : ''}`,
          why: '该员工已离职，访问权限却仍然有效',
        },
      });
    }
    if ((await deps.identity.status(employeeId)) === 'enabled') {
      await deps.identity.disable(employeeId);
      await deps.identity.signOutEverywhere(employeeId);
      fixes.push({
        kind: 'identity-disabled',
        employeeId,
        what: 'disabled and signed out their sign-in identity',
        why: 'it was still enabled after they left',
        zh: { what: '停用并登出了其登录身份', why: '该员工离职后登录身份仍处于启用状态' },
      });
    }
  };

  return async (): Promise<SweepFix[]> => {
    const fixes: SweepFix[] = [];
    let startKey: Record<string, unknown> | undefined;
    do {
      const page = await deps.resignations.listOpen({ limit: 100, ...(startKey ? { startKey } : {}) });
      for (const { employeeId } of page.items) {
        const resignation = await deps.resignations.latest(employeeId);
        if (resignation?.status === 'open') await sweepResignation(resignation, fixes);
      }
      startKey = page.nextKey;
    } while (startKey);
    do {
      const page = await deps.employees.listByStatus('left', {
        limit: 100,
        ...(startKey ? { startKey } : {}),
      });
      for (const leaver of page.items) await sweepLeaver(leaver.id, fixes);
      startKey = page.nextKey;
    } while (startKey);

    if (fixes.length > 0) {
      await deps.tell(
        [{ shared: 'hr' }],
        'compliance.summary',
        {
          count: String(fixes.length),
          fixes: {
            'zh-CN': fixes.map((f) => `${f.employeeId}：${f.zh.what}——${f.zh.why}`).join('\n'),
            en: fixes.map((f) => `${f.employeeId}: ${f.what} — ${f.why}`).join('\n'),
          },
        },
        { data: { fixes: fixes.map(({ zh: _zh, ...fix }) => fix) } },
      );
    }
    return fixes;
  };
};
