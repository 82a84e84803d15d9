import type { ManagedProcess } from '../../../libs/devstack/src';

/** How a supervised child is restarted: back-off doubling from `initialDelayMs`, and when to give up. */
export interface RestartPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** Give up (stop the whole system) at this many crashes within `windowMs`. */
  maxCrashes: number;
  windowMs: number;
}

export const DEFAULT_RESTART_POLICY: RestartPolicy = {
  initialDelayMs: 500,
  maxDelayMs: 30_000,
  maxCrashes: 5,
  windowMs: 60_000,
};

/**
 * What to do after a crash at `now`, given the earlier crashes: restart after a delay that doubles with
 * each crash still inside the window, or give up when the window holds `maxCrashes` of them.
 */
export function afterCrash(
  crashes: readonly number[],
  now: number,
  policy: RestartPolicy,
): { giveUp: true; recent: number } | { giveUp: false; recent: number; delayMs: number } {
  const recent = crashes.filter((t) => now - t < policy.windowMs).length + 1;
  if (recent >= policy.maxCrashes) return { giveUp: true, recent };
  const delayMs = Math.min(policy.initialDelayMs * 2 ** (recent - 1), policy.maxDelayMs);
  return { giveUp: false, recent, delayMs };
}

export interface SupervisorEvents {
  restarting(name: string, exit: number | string, delayMs: number, recent: number): void;
  restarted(name: string, pid: number | undefined): void;
  gaveUp(name: string, exit: number | string, recent: number): void;
}

/**
 * Keeps one child running: when it exits on its own it is started again after a back-off, until it
 * crashes `maxCrashes` times within `windowMs`; then `events.gaveUp` decides what becomes of the system.
 */
export class Supervisor {
  private current: ManagedProcess;
  private crashes: number[] = [];
  private stopped = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly name: string,
    private readonly start: () => ManagedProcess,
    private readonly events: SupervisorEvents,
    private readonly policy: RestartPolicy = DEFAULT_RESTART_POLICY,
  ) {
    this.current = this.launch();
  }

  /** The running child (changes at each restart). */
  get process(): ManagedProcess {
    return this.current;
  }

  async stop(graceMs?: number): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.current.stop(graceMs);
  }

  private launch(): ManagedProcess {
    const proc = this.start();
    void proc.exited.then(
      (exit) => this.onExit(exit),
      (err: unknown) => this.onExit(err instanceof Error ? err.message : String(err)),
    );
    return proc;
  }

  private onExit(exit: number | string) {
    if (this.stopped) return;
    const now = Date.now();
    const decision = afterCrash(this.crashes, now, this.policy);
    this.crashes = [...this.crashes.filter((t) => now - t < this.policy.windowMs), now];
    if (decision.giveUp) {
      this.stopped = true;
      this.events.gaveUp(this.name, exit, decision.recent);
      return;
    }
    this.events.restarting(this.name, exit, decision.delayMs, decision.recent);
    this.timer = setTimeout(() => {
      if (this.stopped) return;
      this.current = this.launch();
      this.events.restarted(this.name, this.current.child.pid);
    }, decision.delayMs);
  }
}
