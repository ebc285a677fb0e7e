import { describe, expect, it } from 'vitest';
import { CsvSyntaxError, parseCsv } from '#kernel/csv.ts';

describe('parseCsv', () => {
  it('reads what spreadsheets write: a BOM, quotes, commas and line breaks in quotes, CRLF', () => {
    const text = '\uFEFFid,name,notes\r\nE1001,王芳,"sales, east"\r\nE1002,李雷,"said ""hi""\nthen left"\r\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ['id', 'name', 'notes'] },
      { line: 2, fields: ['E1001', '王芳', 'sales, east'] },
      { line: 3, fields: ['E1002', '李雷', 'said "hi"\nthen left'] },
    ]);
  });

  it('keeps empty fields, skips blank lines, and numbers records by the line they start on', () => {
    expect(parseCsv('a,b\n\n1,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', ''] },
    ]);
  });

  it('names the line of a broken quote', () => {
    expect(() => parseCsv('a\n"open')).toThrow(CsvSyntaxError);
    expect(() => parseCsv('a\n"x"y')).toThrow(/closing quote/);
  });
});
