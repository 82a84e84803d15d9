/**
 * The one cursor codec of every keyset-paginated list: the sort key of the last row, as opaque base64url JSON.
 * A cursor that is not one a list returned is an InvalidCursorError (the API answers 422 INVALID_CURSOR).
 */
export class InvalidCursorError extends Error {
  readonly code = 'INVALID_CURSOR';
  constructor() {
    super('the cursor is not one this list returned; start again without a cursor');
  }
}

export function encodeCursor(values: readonly string[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

/**
 * The sort key a cursor carries: `count` strings, the first an instant (every list here is ordered by a time
 * first); `valid` checks the rest.
 */
export function decodeCursor(
  text: string,
  count: number,
  valid: (values: string[]) => boolean = () => true,
): string[] {
  let values: unknown;
  try {
    values = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError();
  }
  if (
    Array.isArray(values) &&
    values.length === count &&
    values.every((v) => typeof v === 'string') &&
    !Number.isNaN(Date.parse(values[0] as string)) &&
    valid(values as string[])
  )
    return values as string[];
  throw new InvalidCursorError();
}
