/**
 * Derives the deliberately altered history the replay test must reject: the recorded full route with its
 * first activity renamed, as if the workflow code had been changed to call another activity without a
 * `patched()` guard. Run by workflows/scripts/record-histories.sh after re-recording.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const HISTORIES = join(__dirname, '..', 'histories');

interface JsonEvent {
  eventType: string;
  activityTaskScheduledEventAttributes?: { activityType: { name: string } };
}

export function alterFirstActivity(source: string, target: string): string {
  const history = JSON.parse(readFileSync(join(HISTORIES, source), 'utf8')) as { events: JsonEvent[] };
  const scheduled = history.events.find((e) => e.activityTaskScheduledEventAttributes);
  if (!scheduled) throw new Error(`${source} schedules no activity`);
  const before = scheduled.activityTaskScheduledEventAttributes!.activityType.name;
  scheduled.activityTaskScheduledEventAttributes!.activityType.name = `${before}V0`;
  mkdirSync(join(HISTORIES, 'altered'), { recursive: true });
  writeFileSync(join(HISTORIES, 'altered', target), JSON.stringify(history, null, 2) + '\n');
  return `${before} → ${before}V0`;
}

if (require.main === module) {
  console.log(
    'altered/full-route-activity-renamed.json:',
    alterFirstActivity('full-route.json', 'full-route-activity-renamed.json'),
  );
}
