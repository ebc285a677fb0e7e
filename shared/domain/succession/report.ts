import { escapeHtml } from '#kernel/text.ts';
import type { Readiness } from './readiness.ts';

type Words = { 'zh-CN': string; en: string };
export type Band = 'low' | 'medium' | 'high';

/** Performance bands of the 9-box from the latest released score (0–100). */
export const performanceBands = { mediumFrom: 60, highFrom: 80 } as const;
const potentialBands: Record<number, Band> = { 1: 'low', 2: 'medium', 3: 'high' };
const bandNames: Record<Band, Words> = {
  low: { 'zh-CN': '低', en: 'low' },
  medium: { 'zh-CN': '中', en: 'medium' },
  high: { 'zh-CN': '高', en: 'high' },
};

/**
 * Where someone sits in the 9-box: performance from their latest released score, potential as their
 * management chain rated it (1–3). Box 1 is low–low, 9 high–high (performance counts across, potential
 * up). Absent on an axis with nothing to go on.
 */
export function nineBoxOf(score: number | undefined, potential: number | undefined) {
  const performance: Band | undefined =
    score === undefined
      ? undefined
      : score >= performanceBands.highFrom
        ? 'high'
        : score >= performanceBands.mediumFrom
          ? 'medium'
          : 'low';
  const rated = potential === undefined ? undefined : potentialBands[potential];
  const index = { low: 0, medium: 1, high: 2 } as const;
  return {
    ...(performance ? { performance } : {}),
    ...(rated ? { potential: rated } : {}),
    ...(performance && rated ? { box: index[rated] * 3 + index[performance] + 1 } : {}),
  };
}

export interface ReportCandidate {
  employeeId: string;
  name: string;
  position: string;
  latestScore?: number | undefined;
  completedTrainings: readonly Words[];
  potential?: number | undefined;
  readiness: Pick<Readiness, 'status' | 'label' | 'months' | 'criteria'>;
}

/** The seed's sentence: "Zhang San, Sales Supervisor, score 90, completed …, ready in about 6 months". */
export function candidateLine(c: ReportCandidate): Words {
  const part = (locale: 'zh-CN' | 'en') => {
    const en = locale === 'en';
    const pieces = [
      c.name,
      c.position,
      ...(c.latestScore !== undefined
        ? [en ? `score ${Math.round(c.latestScore)}` : `考核 ${Math.round(c.latestScore)} 分`]
        : []),
      ...(c.completedTrainings.length > 0
        ? [
            `${en ? 'completed' : '已完成'} ${c.completedTrainings.map((t) => t[locale]).join(en ? ', ' : '、')}`,
          ]
        : []),
      c.readiness.label[locale],
    ];
    return pieces.join(en ? ', ' : '，');
  };
  return { 'zh-CN': part('zh-CN'), en: part('en') };
}

/**
 * Coverage: a key position is covered when it has at least one successor ready now and at least two
 * who are ready now or will be within the horizon.
 */
export function coverageOf(
  positions: readonly { candidates: readonly Pick<ReportCandidate, 'readiness'>[] }[],
) {
  const withReadyNow = positions.filter((p) =>
    p.candidates.some((c) => c.readiness.status === 'ready_now'),
  ).length;
  const withTwo = positions.filter(
    (p) => p.candidates.filter((c) => c.readiness.status !== 'not_yet').length >= 2,
  ).length;
  const covered = positions.filter(
    (p) =>
      p.candidates.some((c) => c.readiness.status === 'ready_now') &&
      p.candidates.filter((c) => c.readiness.status !== 'not_yet').length >= 2,
  ).length;
  return {
    keyPositions: positions.length,
    withReadyNow,
    withTwoSuccessors: withTwo,
    covered,
    share: positions.length === 0 ? 0 : Math.round((covered / positions.length) * 1e4) / 1e4,
  };
}

export interface SuccessionReport {
  asOf: string;
  coverage: ReturnType<typeof coverageOf>;
  positions: {
    keyPositionId: string;
    position: string;
    departmentId: string;
    incumbent: { employeeId: string; name: string };
    covered: boolean;
    candidates: (ReportCandidate & { line: Words; nineBox: ReturnType<typeof nineBoxOf> })[];
  }[];
}

/** The report as a page in both languages, Chinese first, every name escaped. */
export function reportHtml(report: SuccessionReport): string {
  const c = report.coverage;
  const position = (p: SuccessionReport['positions'][number]) => `
<section>
<h2>${escapeHtml(p.position)} · ${escapeHtml(p.departmentId)}</h2>
<p>现任 Incumbent: ${escapeHtml(p.incumbent.name)} (${escapeHtml(p.incumbent.employeeId)}) · ${p.covered ? '已覆盖 Covered' : '未覆盖 Not covered'}</p>
${
  p.candidates.length === 0
    ? '<p>暂无候选人 No candidates</p>'
    : `<ol>${p.candidates
        .map(
          (k) =>
            `<li><p>${escapeHtml(k.line['zh-CN'])}</p><p>${escapeHtml(k.line.en)}</p><ul>${k.readiness.criteria
              .filter((r) => !r.met)
              .map((r) => `<li>${escapeHtml(r.reason['zh-CN'])} / ${escapeHtml(r.reason.en)}</li>`)
              .join('')}</ul>${
              k.nineBox.box
                ? `<p>九宫格 9-box: ${k.nineBox.box}（绩效 performance ${escapeHtml(bandNames[k.nineBox.performance as Band]['zh-CN'])}/${escapeHtml(k.nineBox.performance)}，潜力 potential ${escapeHtml(bandNames[k.nineBox.potential as Band]['zh-CN'])}/${escapeHtml(k.nineBox.potential)}）</p>`
                : ''
            }</li>`,
        )
        .join('')}</ol>`
}
</section>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>继任报告 Succession report — ${escapeHtml(report.asOf)}</title>
<style>body{font-family:system-ui,"Noto Sans CJK SC",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}section{border-top:1px solid #ccc;margin-top:1.5rem}</style>
</head><body>
<h1>继任报告 Succession report</h1>
<p>截至 As of ${escapeHtml(report.asOf)}</p>
<p>关键岗位 ${c.keyPositions} 个，其中 ${c.withReadyNow} 个有现在可接任的继任者，${c.withTwoSuccessors} 个有至少两名继任者，${c.covered} 个两者兼具（${Math.round(c.share * 100)}%）。</p>
<p>${c.keyPositions} key position(s): ${c.withReadyNow} with a successor ready now, ${c.withTwoSuccessors} with at least two successors, ${c.covered} with both (${Math.round(c.share * 100)}%).</p>
${report.positions.map(position).join('\n')}
</body></html>
`;
}
