/**
 * CSV for Excel on a Chinese Windows desktop: UTF-8 with a byte-order mark (without it Excel reads the
 * file as GBK and the Chinese turns to mojibake), CRLF rows, RFC 4180 quoting. A cell that starts with
 * = + - @ is prefixed with an apostrophe so a spreadsheet never runs it as a formula (CSV injection).
 */
export type CsvColumn<T> = readonly [header: string, value: (row: T) => unknown];

export const CSV_BOM = '\uFEFF';

export function csvLine(cells: readonly unknown[]): string {
  return cells.map(csvCell).join(',') + '\r\n';
}

export function csvHeader<T>(columns: readonly CsvColumn<T>[]): string {
  return csvLine(columns.map(([header]) => header));
}

export function csvRows<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return rows.map((row) => csvLine(columns.map(([, value]) => value(row)))).join('');
}

export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return CSV_BOM + csvHeader(columns) + csvRows(columns, rows);
}

function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
