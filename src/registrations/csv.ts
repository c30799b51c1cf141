import { stringify } from 'csv-stringify/sync';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * A cell a spreadsheet will not run: text starting with = + - @ tab or CR gets a leading
 * apostrophe (OWASP "CSV injection").
 */
export function safeCell(value: string | number | null | undefined): string {
  const text = value === null || value === undefined ? '' : String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** UTF-8 with a byte-order mark, so Excel opens Cyrillic, Kazakh and CJK names correctly. */
export function toCsv(header: string[], rows: (string | number | null)[][]): string {
  return `\uFEFF${stringify([header, ...rows.map((r) => r.map(safeCell))], { record_delimiter: '\r\n' })}`;
}
