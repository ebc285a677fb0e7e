import { forBody } from '#http/fields.ts';
import { httpApi } from '#http/httpApi.ts';
import { bindPagedRoute } from '#http/pagination.ts';
import { bindRoute } from '#http/route.ts';
import { apiOptions, cursors } from '#wiring/api.ts';
import { skillsApi } from '#wiring/training.ts';
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
  ],
  apiOptions(),
);
