import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Bench-only (`npm run bench:timers`), off unless JIUZHU_BENCH_REMINDER_FILE is set: the absolute path
 * of a file holding one ISO instant T. While the file exists and T is later than the reminder being
 * planned from, the next reminder of every step is planned at T plus the case's offset (kind BEFORE_DUE)
 * instead of the calendar's office morning plus it, so thousands of cases' reminders fall due in the same
 * minute on a real dev server, as a bureau's fall due on one morning. `T exact` leaves the offsets out:
 * every reminder at the one instant T (the harsher shape, for comparison). Everything after the planning
 * (the workflow's timer, the decider, the event store) runs as in production; the reminder after it is
 * planned from the calendar again.
 */
export const BENCH_REMINDER_FILE_VARIABLE = 'JIUZHU_BENCH_REMINDER_FILE';

export function benchReminderOverride(
  env: NodeJS.ProcessEnv = process.env,
): ((after: string, offsetMs: number) => string | null) | null {
  const file = env[BENCH_REMINDER_FILE_VARIABLE]?.trim();
  if (!file) return null;
  if (!path.isAbsolute(file)) {
    throw new Error(
      `${BENCH_REMINDER_FILE_VARIABLE} must be an absolute file path (bench only), got "${file}"`,
    );
  }
  return (after, offsetMs) => {
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8').trim();
    } catch {
      return null; // no file yet: the calendar plans as usual
    }
    const [instant = '', shape] = text.split(/\s+/);
    const t = Date.parse(instant);
    if (Number.isNaN(t) || (shape !== undefined && shape !== 'exact'))
      throw new Error(`${file} (${BENCH_REMINDER_FILE_VARIABLE}) holds no "<instant> [exact]": "${text}"`);
    const at = t + (shape === 'exact' ? 0 : offsetMs);
    return at > Date.parse(after) ? new Date(at).toISOString() : null;
  };
}
