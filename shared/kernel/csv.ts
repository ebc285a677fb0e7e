/**
 * CSV as spreadsheets write it (RFC 4180): commas, fields in double quotes may hold commas, quotes
 * ("" inside) and line breaks; CRLF or LF; a leading UTF-8 byte order mark is dropped.
 * Each record keeps the line it starts on, so errors can name it.
 */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export class CsvSyntaxError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(message);
    this.name = 'CsvSyntaxError';
    this.line = line;
  }
}

/** Where a record starts in the text: the index of its first character, and its line. */
export interface CsvPosition {
  offset: number;
  line: number;
}

/** Every record of the text. */
export function parseCsv(text: string): CsvRecord[] {
  return Array.from(csvRecords(text), ({ line, fields }) => ({ line, fields }));
}

/**
 * The records of the text one at a time, each with where it starts (so a reader need not keep the
 * records, only their positions, and read one again with `from`). Blank lines are skipped.
 */
export function* csvRecords(
  text: string,
  from: CsvPosition = { offset: 0, line: 1 },
): Generator<CsvRecord & CsvPosition> {
  let i = from.offset === 0 && text.startsWith('\uFEFF') ? 1 : from.offset;
  let line = from.line;
  let start = { offset: i, line };
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  while (i < text.length) {
    const char = text[i] as string;
    if (quoted) {
      if (char === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i += 1;
        const next = text[i];
        if (next !== undefined && next !== ',' && next !== '\n' && next !== '\r') {
          throw new CsvSyntaxError(line, 'Text after a closing quote');
        }
        continue;
      }
      if (char === '\n') line += 1;
      field += char;
      i += 1;
      continue;
    }
    if (char === '"' && field === '') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && text[i + 1] === '\n') i += 1;
      fields.push(field);
      const record = { ...start, fields };
      fields = [];
      field = '';
      line += 1;
      i += 1;
      start = { offset: i, line };
      if (!(record.fields.length === 1 && record.fields[0] === '')) yield record;
      continue;
    } else {
      field += char;
    }
    i += 1;
  }
  if (quoted) throw new CsvSyntaxError(start.line, 'A quoted field is not closed');
  if (field !== '' || fields.length > 0) yield { ...start, fields: [...fields, field] };
}

/** CSV for spreadsheets: fields quoted when they must be, CRLF line ends, and a BOM so Excel reads UTF-8. */
export function formatCsv(rows: readonly (readonly (string | number)[])[]): string {
  const field = (value: string | number) => {
    const text = String(value);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `\uFEFF${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
