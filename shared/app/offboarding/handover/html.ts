/** What the handover report's page is made of: escaped text, tables and bilingual sections. */
export const escapeHtml = (text: unknown) =>
  String(text ?? '').replace(
    /[&<>"']/g,
    (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch,
  );

const row = (cells: unknown[]) => `<tr>${cells.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`;

export const htmlKit = {
  escapeHtml,
  table: (head: string[], rows: unknown[][]) =>
    `<table><thead><tr>${head.map((h) => `<th>${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${rows.map(row).join('')}</tbody></table>`,
  section: (zh: string, en: string, body: string) =>
    `<section><h2>${escapeHtml(zh)} / ${escapeHtml(en)}</h2>${body}</section>`,
};

export type HtmlKit = typeof htmlKit;
