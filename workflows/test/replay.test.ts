import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DeterminismViolationError } from '@temporalio/workflow';
import { Worker } from '@temporalio/worker';
import { historyFromJSON } from './support/history-json';

/**
 * Replays the committed histories (workflows/test/histories/*.json, recorded by the path tests with
 * RECORD_HISTORIES=1) against today's workflow code: a change that would break a running case fails here.
 * The altered histories (histories/altered/*.json) must fail — a replay test that cannot fail proves nothing.
 * No server is needed: the replay worker feeds the history to the workflow code in-process.
 */
const HISTORIES = join(__dirname, 'histories');
const load = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((file) => ({ file, history: historyFromJSON(JSON.parse(readFileSync(join(dir, file), 'utf8'))) }));
const options = { workflowsPath: require.resolve('../src'), replayName: 'jiuzhu-replay' };

describe('workflow replay of committed histories', () => {
  // Histories of every workflow shape that ever ran: today's (top level) and each earlier one (a folder each).
  const recorded = [
    ...load(HISTORIES),
    ...[
      'before-verification-timers',
      'before-policy-in-input',
      'before-issue-12',
      'before-issue-13',
      'before-issue-10',
    ].flatMap((shape) => load(join(HISTORIES, shape)).map((r) => ({ ...r, file: `${shape}/${r.file}` }))),
  ];
  const altered = load(join(HISTORIES, 'altered'));

  it('has histories to replay', () => {
    expect(recorded.map((r) => r.file)).toEqual(
      expect.arrayContaining([
        'full-route.json',
        'objection-reinvestigation.json',
        'death-no-heir.json',
        'reminders-urges.json',
        'heir-named-later.json',
        'no-heir-came-forward.json',
        'district-missing-materials.json',
        'verification-chase.json',
        'before-verification-timers/full-route.json',
        'before-verification-timers/reminders-urges.json',
        'before-policy-in-input/full-route.json',
        'before-policy-in-input/no-heir-came-forward.json',
        'before-issue-12/full-route.json',
        'before-issue-13/full-route.json',
        'before-issue-10/full-route.json',
        'before-issue-10/objection-reinvestigation.json',
      ]),
    );
    expect(altered.length).toBeGreaterThan(0);
  });

  it('replays every recorded history without a determinism error', async () => {
    const results: { file: string; error?: unknown }[] = [];
    const histories = recorded.map(({ file, history }) => ({ workflowId: file, history }));
    for await (const result of Worker.runReplayHistories(options, histories)) {
      results.push({ file: result.workflowId, error: result.error });
    }
    expect(results.map((r) => r.file)).toEqual(recorded.map((r) => r.file));
    expect(results.filter((r) => r.error).map((r) => `${r.file}: ${String(r.error)}`)).toEqual([]);
  }, 120_000);

  it.each(altered.map((a) => [a.file, a.history] as const))(
    'rejects the altered history %s with a DeterminismViolationError',
    async (_file, history) => {
      await expect(Worker.runReplayHistory(options, history)).rejects.toBeInstanceOf(
        DeterminismViolationError,
      );
    },
    120_000,
  );
});
