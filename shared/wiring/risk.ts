import { makeMentorshipStore } from '#adapters/aws/risk/mentorshipStore.ts';
import { makeMentorships } from '#app/risk/mentorships.ts';
import { makeReferralTree } from '#app/risk/referrals.ts';
import { once } from './once.ts';
import { employeeStore } from './people.ts';
import { clock, evidence, table } from './platform.ts';

/** Risk: the relations a team depends on (mentoring, referrals). */
export const mentorshipStore = /* @__PURE__ */ once(() => makeMentorshipStore(table()));

export const mentorshipsApi = () =>
  makeMentorships({
    mentorships: mentorshipStore(),
    employees: employeeStore(),
    evidence: evidence(),
    clock,
  });

export const referralTree = () => makeReferralTree({ employees: employeeStore() });
