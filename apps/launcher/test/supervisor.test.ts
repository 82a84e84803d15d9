import { afterCrash, type RestartPolicy } from '../src/supervisor';

const policy: RestartPolicy = { initialDelayMs: 500, maxDelayMs: 4_000, maxCrashes: 5, windowMs: 60_000 };

describe('restarting a crashed child', () => {
  it('waits twice as long after each crash inside the window, up to the maximum', () => {
    const delays: number[] = [];
    const crashes: number[] = [];
    for (let i = 0; i < 4; i++) {
      const d = afterCrash(crashes, 1_000 * i, policy);
      if (d.giveUp) throw new Error('gave up too early');
      delays.push(d.delayMs);
      crashes.push(1_000 * i);
    }
    expect(delays).toEqual([500, 1_000, 2_000, 4_000]);
  });

  it('gives up at the fifth crash within the window', () => {
    expect(afterCrash([0, 1, 2, 3], 4, policy)).toEqual({ giveUp: true, recent: 5 });
  });

  it('forgets crashes older than the window, so a child that crashes now and then is always restarted', () => {
    expect(afterCrash([0, 1, 2, 3], 60_004, policy)).toEqual({ giveUp: false, recent: 1, delayMs: 500 });
  });
});
