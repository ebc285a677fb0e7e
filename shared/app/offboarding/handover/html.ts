import { escapeHtml } from '#kernel/text.ts';
import { localDateTime } from '#kernel/time.ts';

/** What the handover report's page is made of: escaped text, tables and bilingual sections. */

const row = (cells: unknown[]) => `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;

export const htmlKit = {
  escapeHtml,
  table: (head: string[], rows: unknown[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map(row).join('')}</tbody></table>`,
  section: (zh: string, en: string, body: string) =>
    `<section><h2>${escapeHtml(zh)} / ${escapeHtml(en)}</h2>${body}</section>`,
};

/**
 * The kit for one report: times on the company's clock (`2026-12-19 09:00`), people by name with their
 * id (`李雷 Li Lei (E1003)`), both from what the report itself holds.
 */
export function reportKit(report: {
  timeZone?: string;
  people?: Record<string, { name: string; nameLatin?: string }>;
}) {
  const when = (iso: unknown) => {
    if (typeof iso !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(iso) || !report.timeZone) return iso ?? '';
    return localDateTime(new Date(iso), report.timeZone).replace('T', ' ').slice(0, 16);
  };
  const who = (id: unknown) => {
    const person = typeof id === 'string' ? report.people?.[id] : undefined;
    if (!person) return id ?? '';
    return `${person.name}${person.nameLatin ? ` ${person.nameLatin}` : ''} (${String(id)})`;
  };
  return { ...htmlKit, when, who };
}

export type HtmlKit = ReturnType<typeof reportKit>;
