/** A row as `manager.query` returns it, before a one-purpose mapper gives it a type. */
export type Row = Record<string, unknown>;

/** A timestamptz column as an ISO UTC string (null stays null). */
export function instant(value: unknown): string | null {
  return value instanceof Date ? value.toISOString() : value == null ? null : String(value);
}
