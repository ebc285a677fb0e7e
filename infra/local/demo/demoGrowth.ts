import type { HrTable } from '#adapters/aws/platform/hrTable.ts';
import { makeSkillStore, makeTrainingStore } from '#adapters/aws/training/index.ts';
import {
  certificateEvidence,
  completionOf,
  type Enrolment,
  type Session,
  sessionId,
  Training,
} from '#domain/training/index.ts';
import { zonedInstant } from '#kernel/time.ts';
import { demoApi } from './demoApi.ts';

const skill = 'key_account_followup';

/**
 * Scenarios 11 and 12 in the demo company. Key-account follow-up is required of sales representatives
 * and senior sales (level 3) and of team leads (level 4); Wang Fang assessed her representatives at 2
 * in March 2026. HR's key-account course (exam, pass mark 60) was held on 2026-04-15 for Li Lei and three
 * of her representatives (E1008, E1009, E1011 — those who then closed small orders alone): they passed,
 * and its certificate raised them to level 3. Its effect on deals closed alone is read against their
 * colleagues who did not take it. Wang Fang's position is a key position: Li Lei, who has since met
 * three of her key accounts with her, is ready in about 6 months (one level short at the pace of the
 * past year); E1004 is not yet.
 *
 * Made through the API as HR would make it, except the April session, which is history: the API
 * schedules sessions only ahead, so it is written through the training store as it happened.
 */
export async function loadDemoGrowth(options: {
  url: string;
  token: (employeeId: string) => Promise<string>;
  table: HrTable;
  timeZone: string;
  /** The demo reviews' "deals closed alone" KPI: what the course aims to change. */
  dealsAloneKpiId: string;
}) {
  const call = demoApi(options.url, options.token);
  const hr = 'E1040';
  const name = (zh: string, en: string) => ({ 'zh-CN': zh, en });

  await call(hr, 'POST', '/v1/skills', {
    id: skill,
    name: name('大客户跟进', 'Key-account follow-up'),
    levels: [
      name('了解大客户的基本需求', 'Knows a key account’s basic needs'),
      name('在指导下完成跟进', 'Follows up with guidance'),
      name('独立完成日常跟进', 'Follows up alone'),
      name('独立管理大客户关系', 'Manages the relationship alone'),
      name('带教他人跟进大客户', 'Teaches others to follow up'),
    ],
  });
  for (const [position, level] of [
    ['销售 Sales Representative', 3],
    ['高级销售 Senior Sales', 3],
    ['销售经理 Sales Team Lead', 4],
  ] as const)
    await call(
      hr,
      'PUT',
      `/v1/positions/${encodeURIComponent(position)}/skills`,
      { requirements: [{ skillId: skill, level }] },
      '"v0"',
    );
  const evidence = (who: string, of: string, level: number, source: string, on: string) =>
    call(who, 'POST', `/v1/employees/${of}/skills/evidence`, { skillId: skill, level, source, on });
  await evidence(hr, 'E1002', 5, 'exam', '2025-01-10');
  await evidence(hr, 'E1003', 1, 'exam', '2025-06-01');
  for (let n = 1004; n <= 1012; n++) await evidence('E1002', `E${n}`, 2, 'manager_assessment', '2026-03-31');

  const course = Training.parse(
    await call(hr, 'POST', '/v1/trainings', {
      name: name('大客户管理', 'Key-account management'),
      description: name('大客户的识别、跟进与维护', 'Finding, following up and keeping key accounts'),
      certifies: [{ skillId: skill, level: 3 }],
      exam: { maxScore: 100, passMark: 60 },
      targetKpiId: options.dealsAloneKpiId,
    }),
  );

  // The April session, as it happened.
  const trainings = makeTrainingStore(options.table);
  const planned = '2026-04-01T01:00:00.000Z';
  const session: Session = {
    id: sessionId(new Date(planned), 'dea0a415'),
    trainingId: course.id,
    startsAt: zonedInstant('2026-04-15', '09:00', options.timeZone).toISOString(),
    endsAt: zonedInstant('2026-04-15', '17:00', options.timeZone).toISOString(),
    local: { startsAt: '2026-04-15T09:00', endsAt: '2026-04-15T17:00', timeZone: options.timeZone },
    endsOn: '2026-04-15',
    place: '上海总部 3F 培训室 Training room',
    trainerId: 'E1001',
    capacity: 12,
    enrolled: 0,
    createdBy: hr,
    createdAt: planned,
  };
  await trainings.createSession(session);
  const results = [
    ['E1003', 45, 82, 5],
    ['E1008', 40, 71, 4],
    ['E1009', 50, 76, 5],
    ['E1011', 35, 64, 4],
  ] as const;
  const enrolments: Enrolment[] = [];
  for (const [employeeId] of results) {
    const enrolment: Enrolment = {
      trainingId: course.id,
      sessionId: session.id,
      employeeId,
      sessionStartsAt: session.startsAt,
      sessionEndsOn: session.endsOn,
      enrolledBy: hr,
      enrolledAt: planned,
    };
    await trainings.enrol({ ...session, enrolled: enrolments.length }, enrolment);
    enrolments.push(enrolment);
  }
  const held = '2026-04-15T09:30:00.000Z';
  const changes = enrolments.map((before, n) => {
    const [, preScore, postScore, rating] = results[n] as (typeof results)[number];
    const after = { ...before, attendance: 'present' as const, preScore, postScore };
    return {
      before,
      after: {
        ...after,
        completed: completionOf(course, after) === true,
        reaction: { rating, at: held },
        updatedBy: 'E1001',
        updatedAt: held,
      },
    };
  });
  const records = await makeSkillStore(options.table).records(enrolments.map((e) => e.employeeId));
  const certified = changes.map(({ after }) => {
    const before = records.get(after.employeeId);
    return {
      employeeId: after.employeeId,
      evidence: [...(before?.evidence ?? []), ...certificateEvidence(course, session, 'E1001', held)],
      version: (before?.version ?? 0) + 1,
    };
  });
  if (!(await trainings.saveOutcomes(changes, certified)))
    throw new Error('The demo course could not be recorded');

  // Since the summer Li Lei has met two more of Wang Fang's key accounts with her (he already knew the fifth).
  const keyAccounts = (await call(hr, 'GET', '/v1/customers?ownerId=E1002&tier=key&limit=10')).items as {
    id: string;
  }[];
  for (const [customer, at] of [
    [keyAccounts[0], '2026-08-18T10:00:00+08:00'],
    [keyAccounts[1], '2026-09-22T14:00:00+08:00'],
  ] as const)
    if (customer)
      await call(hr, 'POST', `/v1/customers/${customer.id}/interactions`, {
        kind: 'visit',
        at,
        note: '与王芳共同拜访 Visit together with Wang Fang',
        employeeId: 'E1002',
        participants: ['E1003'],
      });

  const keyPosition = await call(hr, 'POST', '/v1/key-positions', {
    position: '销售经理 Sales Team Lead',
    departmentId: 'D02',
    incumbentId: 'E1002',
    criteria: { minimumScore: 60, requiredTrainings: [course.id], sharedKeyAccounts: 3, monthsInRole: 12 },
    reason: '王芳独自掌握全部 5 个重点客户 Wang Fang alone knows all five key accounts',
  });
  for (const [employeeId, potential] of [
    ['E1003', 3],
    ['E1004', 2],
  ] as const) {
    await call(hr, 'POST', `/v1/key-positions/${keyPosition.id}/candidates`, { employeeId });
    await call('E1001', 'POST', `/v1/key-positions/${keyPosition.id}/candidates/${employeeId}/potential`, {
      rating: potential,
    });
  }
  await call(hr, 'POST', `/v1/key-positions/${keyPosition.id}/plans`, {
    employeeId: 'E1003',
    items: [
      {
        kind: 'mentor',
        description: '王芳带教大客户谈判 Wang Fang mentors him on key-account negotiation',
        ownerId: 'E1002',
        due: '2027-03-31',
        status: 'in_progress',
      },
      {
        kind: 'rotation',
        description: '轮岗负责华东区两个重点客户 Rotation onto two East China key accounts',
        ownerId: 'E1001',
        due: '2027-05-31',
      },
    ],
  });
  return { trainingId: course.id, sessionId: session.id, keyPositionId: String(keyPosition.id) };
}
