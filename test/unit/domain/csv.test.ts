import { describe, expect, it } from 'vitest';
import { type CsvPosition, CsvSyntaxError, csvRecords, parseCsv } from '#kernel/csv.ts';

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

describe('csvRecords', () => {
  it('gives where each record starts, so one can be read again from there alone', () => {
    const text = '\uFEFFid,notes\r\nE1,"two\nlines"\n\nE2,x\n';
    const records = [...csvRecords(text)];
    expect(records.map((r) => [r.line, r.fields])).toEqual([
      [1, ['id', 'notes']],
      [2, ['E1', 'two\nlines']],
      [5, ['E2', 'x']],
    ]);
    const again = csvRecords(text, records[2] as CsvPosition).next().value;
    expect(again).toEqual(records[2]);
  });
});
