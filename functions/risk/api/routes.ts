import { DealId, Money, Tier } from '#domain/customers/index.ts';
import { EmployeeStatus } from '#domain/people/index.ts';
import { Mentorship, MentorshipId, MentorshipStatus, NewMentorship } from '#domain/risk/mentorship.ts';
import { RiskWeights, RiskWeightsInput } from '#domain/risk/weights.ts';
import { PageQuery, pageOf } from '#http/pagination.ts';
import { defineRoute } from '#http/route.ts';
import { CalendarDate, CustomerId, DepartmentId, EmployeeId, Timestamp } from '#kernel/ids.ts';
import { upTo } from '#kernel/text.ts';
import * as z from '#kernel/zod.ts';

const MentorshipView = Mentorship.check(z.meta({ id: 'Mentorship' }));
const ById = z.object({ id: MentorshipId });
const tag = 'mentorships';

export const startMentorshipRoute = defineRoute({
  method: 'POST',
  path: '/v1/mentorships',
  operationId: 'startMentorship',
  problems: ['reference_not_found', 'mentorship_exists'],
  summary: 'Record that someone mentors someone, since a day, with a goal (HR; recorded as evidence)',
  tag,
  auth: 'jwt',
  idempotent: true,
  body: NewMentorship.check(z.meta({ id: 'NewMentorship' })),
  responses: { 201: { description: 'Started', body: MentorshipView, headers: ['ETag', 'Location'] } },
});

export const listMentorshipsRoute = defineRoute({
  method: 'GET',
  path: '/v1/mentorships',
  operationId: 'listMentorships',
  summary:
    'Mentorships, newest start first: by mentor or mentee (they, their managers and HR), else all (HR); by status',
  tag,
  auth: 'jwt',
  query: z.strictObject({
    ...PageQuery.shape,
    mentorId: z.optional(EmployeeId.check(z.describe('Whom someone mentors'))),
    menteeId: z.optional(EmployeeId.check(z.describe('Who mentors someone'))),
    status: z.optional(MentorshipStatus),
  }),
  responses: { 200: { description: 'A page', body: pageOf(MentorshipView) } },
});

export const getMentorshipRoute = defineRoute({
  method: 'GET',
  path: '/v1/mentorships/{id}',
  operationId: 'getMentorship',
  summary: 'One mentorship',
  tag,
  auth: 'jwt',
  params: ById,
  responses: { 200: { description: 'The mentorship', body: MentorshipView, headers: ['ETag'] } },
});

export const endMentorshipRoute = defineRoute({
  method: 'PATCH',
  path: '/v1/mentorships/{id}',
  operationId: 'endMentorship',
  problems: ['mentorship_ended'],
  summary: 'End a mentorship on a day, with the reason (HR; recorded as evidence)',
  tag,
  auth: 'jwt',
  params: ById,
  body: z.strictObject({ until: CalendarDate, reason: z.string().check(z.minLength(3), z.maxLength(500)) }),
  requiresIfMatch: true,
  responses: { 200: { description: 'Ended', body: MentorshipView, headers: ['ETag'] } },
});

const ReferredPerson = z
  .object({
    id: EmployeeId,
    name: upTo(100),
    nameLatin: z.optional(upTo(100)),
    departmentId: DepartmentId,
    status: EmployeeStatus,
    referrerId: EmployeeId,
    depth: z.int().check(z.gte(1), z.lte(5000)),
  })
  .check(z.meta({ id: 'ReferredPerson' }));

export const getReferralTreeRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/referrals',
  operationId: 'getReferralTree',
  summary: 'Whom someone referred, directly and transitively, breadth first (HR; managers for their line)',
  tag: 'employees',
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  responses: {
    200: {
      description: 'The referral tree below them',
      body: z
        .object({
          rootId: EmployeeId,
          people: z.array(ReferredPerson).check(z.maxLength(5000)),
          truncated: z.boolean().check(z.describe('The tree had more than 5,000 people; the first are here')),
        })
        .check(z.meta({ id: 'ReferralTree' })),
    },
  },
});

const riskTag = 'risk';
const AsOfQuery = z.strictObject({
  asOf: z.optional(
    CalendarDate.check(z.describe('Compute as of this day (default today); a past day is recomputed')),
  ),
  weightsVersion: z.optional(
    z.pipe(
      z.coerce.number(),
      z.int().check(z.gte(1), z.lte(999_999), z.describe('With this version of the weights')),
    ),
  ),
});
const Share = z.number().check(z.gte(0), z.lte(1));
const Minor = z.number().check(z.gte(0), z.lte(1e18));
const FactorView = z
  .object({
    key: z.enum(['revenueAlone', 'keyAccountsAlone', 'referrals', 'assistance', 'mentoring']),
    weight: Share,
    value: Share,
    points: z.number().check(z.gte(0), z.lte(100)),
    explanation: upTo(500),
    records: z.object({
      customers: z.optional(
        z
          .array(z.object({ id: CustomerId, name: upTo(200), tier: Tier, revenueMinor: Minor }))
          .check(z.maxLength(10_000)),
      ),
      deals: z.optional(
        z
          .array(
            z.object({
              id: DealId,
              customerId: CustomerId,
              closedAt: CalendarDate,
              closedBy: EmployeeId,
              assistedBy: z.array(EmployeeId).check(z.maxLength(20)),
              amount: Money,
            }),
          )
          .check(z.maxLength(100_000), z.describe('The won deals behind the revenue (one person’s view)')),
      ),
      employees: z.optional(z.array(EmployeeId).check(z.maxLength(10_000))),
      mentorships: z.optional(z.array(MentorshipId).check(z.maxLength(1000))),
    }),
  })
  .check(z.meta({ id: 'RiskFactor' }));
const BusFactorView = z
  .object({
    value: z.int().check(z.gte(0), z.lte(10_000)),
    people: z.array(EmployeeId).check(z.maxLength(10_000)),
    orphanedMinor: Minor,
    totalMinor: Minor,
    method: z.enum(['exact', 'greedy']),
  })
  .check(
    z.meta({
      id: 'BusFactor',
      description:
        'The fewest people whose departure leaves more than half of the revenue with nobody else who knows those customers',
    }),
  );
const PersonRiskView = z
  .object({
    employeeId: EmployeeId,
    name: upTo(100),
    nameLatin: z.optional(upTo(100)),
    score: z.int().check(z.gte(0), z.lte(100)),
    factors: z.array(FactorView).check(z.maxLength(10)),
    revenueAloneShare: Share,
    keyAccountsAloneShare: Share,
    knowledgeShare: Share,
    referred: z.array(EmployeeId).check(z.maxLength(10_000)),
    referralShare: Share,
    dependents: z.array(EmployeeId).check(z.maxLength(10_000)),
    assistedOthers: z.int().check(z.gte(0)),
    mentees: z.array(EmployeeId).check(z.maxLength(1000)),
  })
  .check(z.meta({ id: 'PersonRisk' }));
const KnowerView = z.object({
  employeeId: EmployeeId,
  firstOwner: z.boolean(),
  ownDeals: z.int().check(z.gte(0)),
  ownInteractions: z.int().check(z.gte(0)),
  othersWork: z.number().check(z.gte(0)),
  degree: z.number().check(z.gte(-1e6), z.lte(1e6)),
  shareOfBest: Share,
  knows: z.boolean(),
});
const CustomerKnowledgeView = z
  .object({
    customerId: CustomerId,
    name: upTo(200),
    tier: Tier,
    ownerId: EmployeeId,
    revenueMinor: Minor,
    knowers: z.array(KnowerView).check(z.maxLength(1000)),
  })
  .check(z.meta({ id: 'CustomerKnowledge' }));
const AlertView = z.object({
  kind: z.enum(['bus_factor', 'alone_revenue', 'score']),
  employeeId: z.optional(EmployeeId),
  value: z.number(),
  threshold: z.number(),
});
const TeamSummary = {
  departmentId: DepartmentId,
  asOf: CalendarDate,
  weightsVersion: z.int().check(z.positive()),
  baseCurrency: upTo(3),
  members: z.int().check(z.gte(0)),
  customers: z.int().check(z.gte(0)),
  keyAccounts: z.int().check(z.gte(0)),
  revenueMinor: Minor,
  busFactor: BusFactorView,
  topConcentration: z.nullable(z.object({ employeeId: EmployeeId, share: Share })),
  alerts: z.array(AlertView).check(z.maxLength(10_000)),
};
const ByDepartment = z.object({ id: DepartmentId });

export const getDepartmentRiskRoute = defineRoute({
  method: 'GET',
  path: '/v1/risk/departments/{id}',
  operationId: 'getDepartmentRisk',
  summary:
    "A team's key-person risk: revenue bus factor, what each person alone knows, referrals, assistance, mentoring; key persons first (HR; managers for their line)",
  tag: riskTag,
  auth: 'jwt',
  params: ByDepartment,
  query: z.strictObject({
    ...AsOfQuery.shape,
    knowledge: z.optional(
      z
        .enum(['true', 'false'])
        .check(z.describe('Also every customer with everyone’s degree (large for big teams)')),
    ),
  }),
  responses: {
    200: {
      description:
        'The team as of the day; with knowledge=true, the customers and degrees behind every number',
      body: z
        .object({
          ...TeamSummary,
          people: z.array(PersonRiskView).check(z.maxLength(10_000)),
          knowledge: z.optional(
            z
              .array(CustomerKnowledgeView)
              .check(z.maxLength(100_000), z.describe('Every customer of the team with everyone’s degree')),
          ),
        })
        .check(z.meta({ id: 'TeamRisk' })),
    },
  },
});

export const getDepartmentGraphRoute = defineRoute({
  method: 'GET',
  path: '/v1/risk/departments/{id}/graph.svg',
  operationId: 'getDepartmentRiskGraph',
  summary:
    'The team as a picture: people, referral arrows, knowledge links to key accounts, sized by revenue',
  tag: riskTag,
  auth: 'jwt',
  params: ByDepartment,
  query: AsOfQuery,
  responses: { 200: { description: 'An SVG image', mediaTypes: ['image/svg+xml'] } },
});

export const listRiskSnapshotsRoute = defineRoute({
  method: 'GET',
  path: '/v1/risk/departments/{id}/snapshots',
  operationId: 'listRiskSnapshots',
  summary: "A team's daily snapshots, newest first: the trend of its bus factor and concentration",
  tag: riskTag,
  auth: 'jwt',
  params: ByDepartment,
  query: PageQuery,
  responses: {
    200: {
      description: 'A page of snapshots',
      body: pageOf(
        z
          .object({
            ...TeamSummary,
            people: z
              .array(
                z.object({
                  employeeId: EmployeeId,
                  score: z.int().check(z.gte(0), z.lte(100)),
                  revenueAloneShare: Share,
                  keyAccountsAloneShare: Share,
                  knowledgeShare: Share,
                }),
              )
              .check(z.maxLength(10_000)),
            takenAt: Timestamp,
          })
          .check(z.meta({ id: 'RiskSnapshot' })),
      ),
    },
  },
});

export const getEmployeeRiskRoute = defineRoute({
  method: 'GET',
  path: '/v1/risk/employees/{id}',
  operationId: 'getEmployeeRisk',
  summary:
    "One person's risk score (0–100) with every factor, its weight, value and records (HR; managers above)",
  tag: riskTag,
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  query: AsOfQuery,
  responses: {
    200: {
      description: 'The score and why',
      body: z
        .object({
          ...PersonRiskView.shape,
          team: z.object(TeamSummary),
          knowledge: z
            .array(CustomerKnowledgeView)
            .check(z.maxLength(100_000), z.describe('The customers they worked on, with everyone’s degree')),
        })
        .check(z.meta({ id: 'EmployeeRisk' })),
    },
  },
});

const OrphanedView = z.object({
  customerId: CustomerId,
  name: upTo(200),
  tier: Tier,
  ownerId: EmployeeId,
  revenueMinor: Minor,
  knownBy: z.array(EmployeeId).check(z.maxLength(20)),
  nextBest: z
    .array(
      z.object({
        employeeId: EmployeeId,
        degree: z.number(),
        shareOfBest: Share,
        ownDeals: z.int().check(z.gte(0)),
        ownInteractions: z.int().check(z.gte(0)),
      }),
    )
    .check(z.maxLength(3), z.describe('Who knows it next best: the suggested successors')),
});

export const simulateDepartureRoute = defineRoute({
  method: 'POST',
  path: '/v1/risk/simulations',
  operationId: 'simulateDeparture',
  problems: ['reference_not_found'],
  summary:
    'What would be left without anyone who knows it if these people left, and who would lose a referrer, mentor or manager (HR; changes nothing)',
  tag: riskTag,
  auth: 'jwt',
  body: z
    .strictObject({
      leaving: z.array(EmployeeId).check(z.minLength(1), z.maxLength(20)),
      asOf: z.optional(CalendarDate),
      weightsVersion: z.optional(z.int().check(z.gte(1), z.lte(999_999))),
    })
    .check(z.meta({ id: 'SimulationRequest' })),
  responses: {
    200: {
      description: 'What their leaving would do',
      body: z
        .object({
          asOf: CalendarDate,
          weightsVersion: z.int().check(z.positive()),
          baseCurrency: upTo(3),
          leaving: z.array(EmployeeId).check(z.maxLength(20)),
          orphaned: z.object({
            customers: z.int().check(z.gte(0)),
            revenueMinor: Minor,
            keyAccounts: z.int().check(z.gte(0)),
            list: z.array(OrphanedView).check(z.maxLength(100_000)),
          }),
          stillKnown: z.int().check(z.gte(0)),
          loseReferrer: z
            .array(z.object({ employeeId: EmployeeId, referrerId: EmployeeId }))
            .check(z.maxLength(100_000)),
          loseMentor: z
            .array(z.object({ employeeId: EmployeeId, mentorId: EmployeeId, mentorshipId: MentorshipId }))
            .check(z.maxLength(100_000)),
          loseManager: z
            .array(z.object({ employeeId: EmployeeId, managerId: EmployeeId }))
            .check(z.maxLength(100_000)),
          handovers: z
            .array(
              z.object({
                caseId: upTo(40),
                leaverId: EmployeeId,
                heldBy: EmployeeId,
                role: z.enum(['manager', 'successor']),
                nodes: z.array(upTo(40)).check(z.maxLength(20)),
              }),
            )
            .check(
              z.maxLength(100_000),
              z.describe('Open handovers in which they approve (as manager) or take something over'),
            ),
          teams: z
            .array(
              z.object({
                departmentId: DepartmentId,
                busFactorNow: z.int().check(z.gte(0)),
                revenueMinor: Minor,
                orphanedRevenueMinor: Minor,
              }),
            )
            .check(z.maxLength(20)),
        })
        .check(z.meta({ id: 'Simulation' })),
    },
  },
});

const WeightsView = RiskWeights.check(z.meta({ id: 'RiskWeights' }));

export const getRiskWeightsRoute = defineRoute({
  method: 'GET',
  path: '/v1/risk/weights',
  operationId: 'getRiskWeights',
  summary: 'The risk weights and alert thresholds: the current version, or the one named',
  tag: riskTag,
  auth: 'jwt',
  query: z.strictObject({
    version: z.optional(z.pipe(z.coerce.number(), z.int().check(z.gte(1), z.lte(999_999)))),
  }),
  responses: { 200: { description: 'The weights', body: WeightsView, headers: ['ETag'] } },
});

export const setRiskWeightsRoute = defineRoute({
  method: 'PUT',
  path: '/v1/risk/weights',
  operationId: 'setRiskWeights',
  problems: ['weights_changed'],
  summary: 'Set a new version of the weights (HR admin; the old ones stay, recorded as evidence)',
  tag: riskTag,
  auth: 'jwt',
  body: z
    .strictObject({ ...RiskWeightsInput.shape, reason: z.string().check(z.minLength(3), z.maxLength(500)) })
    .check(z.meta({ id: 'NewRiskWeights' })),
  requiresIfMatch: true,
  responses: { 200: { description: 'The new version', body: WeightsView, headers: ['ETag'] } },
});

const DirectoryView = z.object({
  id: EmployeeId,
  name: upTo(100),
  nameLatin: z.optional(upTo(100)),
  departmentId: DepartmentId,
  position: upTo(100),
});

export const getProfileRoute = defineRoute({
  method: 'GET',
  path: '/v1/employees/{id}/profile',
  operationId: 'getEmployeeProfile',
  summary:
    'One view of a person: position, tenure, hire channel and referrer, referrals, mentoring, customers owned and known, deals, risk (HR and managers above all; the person without risk; others the directory entry)',
  tag: 'employees',
  auth: 'jwt',
  params: z.object({ id: EmployeeId }),
  responses: {
    200: {
      description: 'The profile, as much of it as the reader may see',
      body: z
        .object({
          view: z.enum(['directory', 'own', 'full']),
          directory: DirectoryView,
          asOf: z.optional(CalendarDate),
          position: z.optional(
            z.object({
              title: upTo(100),
              department: z.object({ id: DepartmentId, name: upTo(100), nameEn: z.optional(upTo(100)) }),
              managerId: z.optional(EmployeeId),
              hireDate: CalendarDate,
              tenure: z.object({ years: z.int().check(z.gte(0)), days: z.int().check(z.gte(0)) }),
              keyPosition: z.boolean(),
            }),
          ),
          hire: z.optional(z.object({ channel: upTo(40), referrer: z.optional(DirectoryView) })),
          referred: z.optional(
            z.object({
              direct: z.array(DirectoryView).check(z.maxLength(10_000)),
              inTeam: z.int().check(z.gte(0)),
            }),
          ),
          mentoring: z.optional(
            z.object({
              mentors: z.array(EmployeeId).check(z.maxLength(1000)),
              mentees: z.array(EmployeeId).check(z.maxLength(1000)),
            }),
          ),
          customers: z.optional(
            z.object({
              owned: z.object({ count: z.int().check(z.gte(0)), revenueMinor: Minor }),
              known: z
                .array(
                  z.object({
                    id: CustomerId,
                    name: upTo(200),
                    tier: Tier,
                    revenueMinor: Minor,
                    owned: z.boolean(),
                  }),
                )
                .check(z.maxLength(100_000)),
              baseCurrency: upTo(3),
            }),
          ),
          deals: z.optional(
            z.object({
              wonAlone: z.int().check(z.gte(0)),
              wonAssisted: z.int().check(z.gte(0)),
              assistedOthers: z.int().check(z.gte(0)),
              windowDays: z.int().check(z.gte(1)),
            }),
          ),
          /** Released review scores, latest first (each with its receipts: GET /v1/employees/{id}/scores). */
          performance: z.optional(
            z.object({
              reviews: z
                .array(
                  z.object({
                    cycleId: upTo(30),
                    name: z.object({ 'zh-CN': upTo(100), en: upTo(100) }),
                    period: z.object({ start: CalendarDate, end: CalendarDate }),
                    score: z.optional(z.number().check(z.gte(0), z.lte(300))),
                  }),
                )
                .check(z.maxLength(1000)),
            }),
          ),
          risk: z.optional(
            z.object({
              score: z.int().check(z.gte(0), z.lte(100)),
              weightsVersion: z.int().check(z.positive()),
              factors: z.array(FactorView).check(z.maxLength(10)),
            }),
          ),
        })
        .check(z.meta({ id: 'EmployeeProfile' })),
    },
  },
});

export const riskRoutes = [
  startMentorshipRoute,
  listMentorshipsRoute,
  getMentorshipRoute,
  endMentorshipRoute,
  getReferralTreeRoute,
  getDepartmentRiskRoute,
  getDepartmentGraphRoute,
  listRiskSnapshotsRoute,
  getEmployeeRiskRoute,
  simulateDepartureRoute,
  getRiskWeightsRoute,
  setRiskWeightsRoute,
  getProfileRoute,
] as const;
