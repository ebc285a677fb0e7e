import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { effectivenessApi, mentoringApi, skillsApi, trainingsApi } from '#wiring/training.ts';
import {
  addMentoringGoalRoute,
  getMentoringProgressRoute,
  listMentoringSessionsRoute,
  logMentoringSessionRoute,
} from './mentoringRoutes.ts';
import {
  defineTrainingRoute,
  enrolRoute,
  getEffectivenessRoute,
  getSessionRoute,
  getTrainingRoute,
  listEmployeeTrainingsRoute,
  listEnrolmentsRoute,
  listSessionsRoute,
  listTrainingsRoute,
  rateSessionRoute,
  recordResultsRoute,
  scheduleSessionRoute,
  takeAttendanceRoute,
} from './programRoutes.ts';
import {
  defineSkillRoute,
  getDepartmentSkillGapsRoute,
  getEmployeeSkillsRoute,
  getPositionSkillsRoute,
  listSkillsRoute,
  recordSkillEvidenceRoute,
  setPositionSkillsRoute,
} from './routes.ts';

const skills = skillsApi();
const trainings = trainingsApi();
const effectiveness = effectivenessApi();
const mentoring = mentoringApi();

export const handler = httpApi(
  [
    bindRoute(defineSkillRoute, async ({ principal, body }) => {
      const skill = await forBody(() => skills.define(principal, body));
      return { status: 201, body: skill, headers: { location: `/v1/skills/${skill.id}` } };
    }),
    bindPagedRoute(listSkillsRoute, cursors, ({ principal }, page) => skills.list(principal, page)),
    bindRoute(getPositionSkillsRoute, async ({ principal, params }) => ({
      status: 200,
      body: await skills.position(principal, params.position),
    })),
    bindRoute(setPositionSkillsRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await forBody(() => skills.setPosition(principal, params.position, body.requirements)),
    })),
    bindRoute(recordSkillEvidenceRoute, async ({ principal, params, body }) => ({
      status: 201,
      body: await forBody(() => skills.record(principal, params.id, body)),
    })),
    bindRoute(getEmployeeSkillsRoute, async ({ principal, params }) => ({
      status: 200,
      body: await skills.of(principal, params.id),
    })),
    bindRoute(getDepartmentSkillGapsRoute, async ({ principal, params }) => ({
      status: 200,
      body: await skills.gaps(principal, params.id),
    })),
    bindRoute(defineTrainingRoute, async ({ principal, body }) => {
      const training = await forBody(() => trainings.define(principal, body));
      return { status: 201, body: training, headers: { location: `/v1/trainings/${training.id}` } };
    }),
    bindPagedRoute(listTrainingsRoute, cursors, ({ principal, query }, page) =>
      trainings.list(principal, page, { skillId: query.skillId }),
    ),
    bindRoute(getTrainingRoute, async ({ principal, params }) => ({
      status: 200,
      body: await trainings.get(principal, params.id),
    })),
    bindRoute(scheduleSessionRoute, async ({ principal, params, body }) => {
      const session = await forBody(() => trainings.schedule(principal, params.id, body));
      return {
        status: 201,
        body: session,
        headers: { location: `/v1/trainings/${params.id}/sessions/${session.id}` },
      };
    }),
    bindPagedRoute(listSessionsRoute, cursors, ({ principal, params }, page) =>
      trainings.sessions(principal, params.id, page),
    ),
    bindRoute(getSessionRoute, async ({ principal, params }) => ({
      status: 200,
      body: await trainings.session(principal, params.id, params.sessionId),
    })),
    bindRoute(enrolRoute, async ({ principal, params, body }) => {
      const { enrolment, created } = await forBody(() =>
        trainings.enrol(principal, params.id, params.sessionId, body.employeeId),
      );
      return { status: created ? 201 : 200, body: enrolment };
    }),
    bindRoute(listEnrolmentsRoute, async ({ principal, params }) => ({
      status: 200,
      body: await trainings.enrolments(principal, params.id, params.sessionId),
    })),
    bindRoute(takeAttendanceRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await forBody(() => trainings.attendance(principal, params.id, params.sessionId, body)),
    })),
    bindRoute(recordResultsRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await forBody(() => trainings.results(principal, params.id, params.sessionId, body.results)),
    })),
    bindRoute(rateSessionRoute, async ({ principal, params, body }) => ({
      status: 200,
      body: await trainings.react(principal, params.id, params.sessionId, body),
    })),
    bindRoute(getEffectivenessRoute, async ({ principal, params }) => ({
      status: 200,
      body: await effectiveness(principal, params.id),
    })),
    bindPagedRoute(listEmployeeTrainingsRoute, cursors, ({ principal, params }, page) =>
      trainings.of(principal, params.id, page),
    ),
    bindRoute(addMentoringGoalRoute, async ({ principal, params, body }) => ({
      status: 201,
      body: await forBody(() => mentoring.addGoal(principal, params.id, body)),
    })),
    bindRoute(logMentoringSessionRoute, async ({ principal, params, body }) => ({
      status: 201,
      body: await forBody(() => mentoring.logSession(principal, params.id, body)),
    })),
    bindPagedRoute(listMentoringSessionsRoute, cursors, ({ principal, params }, page) =>
      mentoring.sessions(principal, params.id, page),
    ),
    bindRoute(getMentoringProgressRoute, async ({ principal, params }) => ({
      status: 200,
      body: await mentoring.progress(principal, params.id),
    })),
  ],
  apiOptions(),
);
