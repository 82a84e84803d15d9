import { createHash } from 'node:crypto';

/** The office day's reminders are spread over its first minute (see reminderOffsetMs). */
export const REMINDER_SPREAD_MS = 60_000;

/**
 * This case's place in the first minute of the office day: its reminders fall due at 09:00 plus this many
 * milliseconds, the same every day. A bureau's thousands of reminders of one morning then arrive over a
 * minute instead of at one instant, which would queue them all behind each other on one worker (nobody
 * notices whether a reminder came at 09:00:00 or 09:00:41). Derived from the case id: no state, no I/O.
 */
export function reminderOffsetMs(caseId: string): number {
  return createHash('sha256').update(caseId).digest().readUInt32BE(0) % REMINDER_SPREAD_MS;
}
