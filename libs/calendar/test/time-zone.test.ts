/**
 * The calendar must give the same answers whatever the host's TZ. Jest's sandbox does not let a test change
 * its own process's zone (assigning process.env.TZ has no effect there), so the probe runs in child
 * processes, one per zone: west of UTC, far east of it, with and without DST, and Shanghai itself.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';

const probe = join(__dirname, 'fixtures', 'tz-probe.ts');

function runProbe(tz: string, ...args: string[]): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      ['-r', 'ts-node/register', probe, ...args],
      { env: { ...process.env, TZ: tz, TS_NODE_SWC: 'true' }, timeout: 60_000 },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${tz}: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)),
    );
  });
}

// West of UTC with DST, the extremes −11 and +14, and Shanghai itself (which also runs the chinese-days oracle).
const ZONES = ['America/Los_Angeles', 'Pacific/Pago_Pago', 'Pacific/Kiritimati', 'Asia/Shanghai'];

jest.setTimeout(120_000);

describe('independence from the host time zone', () => {
  let results: Array<[string, Record<string, unknown>]>;
  let oracle: Record<string, unknown>;

  beforeAll(async () => {
    const runs = await Promise.all(
      ZONES.map((tz) => (tz === 'Asia/Shanghai' ? runProbe(tz, '--oracle') : runProbe(tz))),
    );
    results = ZONES.map((tz, i) => [tz, runs[i]]);
    oracle = runs[ZONES.indexOf('Asia/Shanghai')];
  });

  it('the probes really ran in different zones', () => {
    const offsets = new Set(results.map(([, r]) => r.offsetMinutes));
    expect(offsets.size).toBe(ZONES.length);
  });

  it('every zone gives the same answers, and they are the right ones', () => {
    for (const [tz, r] of results) {
      const { offsetMinutes: _ignored, disagreements: _alsoIgnored, ...answers } = r;
      expect({ tz, ...answers }).toEqual({
        tz,
        workingDays: expect.objectContaining({
          dueDate: '2025-10-16',
          dueAt: '2025-10-16T23:59:59.999+08:00',
        }),
        notice: expect.objectContaining({ dueDate: '2025-10-09', unextendedDueDate: '2025-10-05' }),
        months: expect.objectContaining({ dueDate: '2026-02-28' }),
        between: 10,
        fromInstant: '2025-09-26',
        shanghai: ['2025-03-10', '2026-01-01'],
        weekdays: [7, 7],
        dstNights: ['2025-03-09', '2025-10-27'],
        dueInstant: '2025-10-16T15:59:59.999Z',
        year2026: 248, // working days in 2026: 261 weekdays − 19 weekdays off + 6 make-up days
      });
    }
  });

  it('agrees with chinese-days’ own isWorkday on every day from 2004 to 2026', () => {
    // Run in Shanghai: chinese-days' query functions parse a date string as UTC midnight and then read it with
    // host-local getters, which is wrong west of UTC — one reason this library reads its JSON data instead.
    expect(oracle.disagreements).toEqual([]);
  });
});
