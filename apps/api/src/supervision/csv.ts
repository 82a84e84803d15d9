import { HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ApiError } from '../errors/api-error';

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

/**
 * `?format=csv`, or an Accept header that asks for CSV and not JSON (the dashboard's export buttons). Any other
 * `format` is refused (422), never answered silently in JSON.
 */
export function wantsCsv(query: { format?: string }, req: Request): boolean {
  if (query.format === 'csv') return true;
  if (query.format === 'json') return false;
  if (query.format !== undefined) {
    throw new ApiError(
      HttpStatus.UNPROCESSABLE_ENTITY,
      'INVALID_DATA',
      `format 须为 csv 或 json（收到“${query.format}”）。`,
      `format must be csv or json (got "${query.format}").`,
      'format',
    );
  }
  const accept = req.headers.accept ?? '';
  return accept.includes('text/csv') && !accept.includes('application/json');
}

/** Sends `body` as a CSV download named `<name>.csv`. */
export function sendCsv(res: Response, name: string, body: string): string {
  res.setHeader('content-type', 'text/csv; charset=utf-8');
  res.setHeader('content-disposition', attachment(name));
  return body;
}

export function attachment(name: string): string {
  const file = `${name}.csv`;
  return `attachment; filename="${file.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file)}`;
}
