import type { MessageCatalogue } from '#kernel/locale.ts';

/** What succession tells HR: the holder of a key position resigned, and who could take over. */
export const successionMessages = {
  'succession.holderResigned': {
    'zh-CN': (p) => ({
      title: `关键岗位现任者提出离职：${p.position}`,
      body: `${p.employee}（${p.position}）提出离职，最后工作日 ${p.lastWorkingDay}。继任候选人：${p.candidates}。`,
    }),
    en: (p) => ({
      title: `The holder of a key position resigned: ${p.position}`,
      body: `${p.employee} (${p.position}) resigned; last working day ${p.lastWorkingDay}. Successors: ${p.candidates}.`,
    }),
  },
} satisfies MessageCatalogue;
