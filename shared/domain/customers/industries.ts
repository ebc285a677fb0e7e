import * as z from '#kernel/zod.ts';

/**
 * The industries a customer can be in: a stable code (what filters, indexes and exports use) with its
 * Chinese and English label. Codes never change meaning; a label may be reworded.
 */
export const industries = {
  manufacturing: { zh: '制造业', en: 'Manufacturing' },
  retail: { zh: '零售', en: 'Retail' },
  logistics: { zh: '物流', en: 'Logistics' },
  healthcare: { zh: '医疗', en: 'Healthcare' },
  education: { zh: '教育', en: 'Education' },
  energy: { zh: '能源', en: 'Energy' },
  finance: { zh: '金融', en: 'Finance' },
  technology: { zh: '信息技术', en: 'Information technology' },
  construction: { zh: '建筑', en: 'Construction' },
  'real-estate': { zh: '房地产', en: 'Real estate' },
  agriculture: { zh: '农业', en: 'Agriculture' },
  services: { zh: '服务业', en: 'Services' },
  'public-sector': { zh: '公共事业', en: 'Public sector' },
  other: { zh: '其他', en: 'Other' },
} as const satisfies Record<string, { zh: string; en: string }>;

export type Industry = keyof typeof industries;
const codes = Object.keys(industries) as [Industry, ...Industry[]];

export const Industry = z.enum(codes).check(
  z.meta({
    id: 'Industry',
    description: `A stable code: ${codes.map((c) => `${c} (${industries[c].zh} ${industries[c].en})`).join(', ')}`,
  }),
);

export const IndustryLabel = z
  .object({ zh: z.string().check(z.maxLength(20)), en: z.string().check(z.maxLength(40)) })
  .check(z.meta({ id: 'IndustryLabel', description: "The industry's name in Chinese and in English" }));

const folded = (text: string) => text.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ');
const byLabel = new Map<string, Industry>(
  codes.flatMap((code) => {
    const { zh, en } = industries[code];
    // 制造业 is also written 制造; either may stand before the English name.
    const chinese = [zh, zh.replace(/业$/, '')];
    return [code, en, ...chinese, ...chinese.map((c) => `${c} ${en}`)].map(
      (label) => [folded(label), code] as const,
    );
  }),
);

/**
 * The code of an industry as people write it in a spreadsheet or as older records hold it: the code,
 * the Chinese or the English label, or both ("能源 Energy"); undefined when it names none.
 */
export const industryOf = (text: string): Industry | undefined => byLabel.get(folded(text));

/** An industry's name in both languages ("能源 Energy"), or what was stored when it is not a code. */
export const industryName = (code: string): string => {
  const label = (industries as Record<string, { zh: string; en: string } | undefined>)[code];
  return label ? `${label.zh} ${label.en}` : code;
};
