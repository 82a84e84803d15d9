import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Bench-only (`npm run bench:timers`), off unless JIUZHU_BENCH_REMINDER_FILE is set: the absolute path
 * of a file holding one ISO instant. While the file exists and its instant is later than the reminder
 * being planned from, the next reminder of every step is planned at that instant (kind BEFORE_DUE)
 * instead of the calendar's office morning, so thousands of cases' reminders fall due in the same minute
 * on a real dev server. Everything after the planning (the workflow's timer, the decider, the event
 * store) runs as in production; the reminder after it is planned from the calendar again.
 */
export const BENCH_REMINDER_FILE_VARIABLE = 'JIUZHU_BENCH_REMINDER_FILE';

export function benchReminderOverride(
  env: NodeJS.ProcessEnv = process.env,
): ((after: string) => string | null) | null {
  const file = env[BENCH_REMINDER_FILE_VARIABLE]?.trim();
  if (!file) return null;
  if (!path.isAbsolute(file)) {
    throw new Error(
      `${BENCH_REMINDER_FILE_VARIABLE} must be an absolute file path (bench only), got "${file}"`,
    );
  }
  return (after) => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8').trim();
    } catch {
      return null; // no file yet: the calendar plans as usual
    }
    const at = Date.parse(text);
    if (Number.isNaN(at))
      throw new Error(`${file} (${BENCH_REMINDER_FILE_VARIABLE}) holds no instant: "${text}"`);
    return at > Date.parse(after) ? new Date(at).toISOString() : null;
  };
}
