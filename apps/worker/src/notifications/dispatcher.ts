import type { NotificationRow, NotificationStore } from '../../../../libs/persistence/src';

/** Sends one notification through its channel; throws to have it retried. */
export type Deliver = (notification: NotificationRow) => Promise<void>;

export interface DispatcherOptions {
  /** Channel → how to deliver (INBOX needs none: the row is the delivery). */
  channels: Partial<Record<string, Deliver>>;
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to maxBackoffSeconds. */
  baseBackoffSeconds?: number;
  maxBackoffSeconds?: number;
  pollMs?: number;
  batchSize?: number;
  onError?: (notification: NotificationRow, error: string, final: boolean) => void;
}

/**
 * Delivers the notifications outbox: claims due rows, delivers them, retries failures with exponential
 * back-off and marks them FAILED (visible to supervisors) after the last attempt. At-least-once towards
 * the channel, with the row id as idempotency key, so a gateway never sends the same reminder twice.
 */
export class NotificationDispatcher {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;

  constructor(
    private readonly store: NotificationStore,
    private readonly options: DispatcherOptions,
  ) {}

  start(): void {
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.drain().then(
        () => undefined,
        (err: unknown) => this.options.onError?.({} as NotificationRow, String(err), false),
      );
      await this.running;
      if (!this.stopped) this.timer = setTimeout(loop, this.options.pollMs ?? 1_000);
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Delivers everything due now; returns how many rows it handled. */
  async drain(): Promise<number> {
    let handled = 0;
    for (;;) {
      const batch = await this.store.claimDue(this.options.batchSize ?? 20, 60);
      if (!batch.length) return handled;
      await Promise.all(batch.map((n) => this.deliverOne(n)));
      handled += batch.length;
    }
  }

  private async deliverOne(notification: NotificationRow): Promise<void> {
    const deliver = this.options.channels[notification.channel];
    if (!deliver) {
      await this.store.markFailed(
        notification.id,
        `no delivery configured for channel ${notification.channel}`,
        null,
      );
      this.options.onError?.(notification, 'no channel', true);
      return;
    }
    try {
      await deliver(notification);
      await this.store.markDelivered(notification.id);
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const final = notification.attempts >= (this.options.maxAttempts ?? 8);
      const base = this.options.baseBackoffSeconds ?? 5;
      const retryIn = Math.min(
        base * 2 ** (notification.attempts - 1),
        this.options.maxBackoffSeconds ?? 3_600,
      );
      await this.store.markFailed(notification.id, message, final ? null : retryIn);
      this.options.onError?.(notification, message, final);
    }
  }
}

/** The bureau's SMS/messaging gateway: a JSON POST with the notification id as Idempotency-Key. */
export function webhookChannel(url: string, timeoutMs = 10_000): Deliver {
  return async (n) => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': n.id },
      body: JSON.stringify({
        id: n.id,
        recipient: n.recipientId,
        town: n.town,
        title: n.titleZh,
        body: n.bodyZh,
        caseId: n.caseId,
        event: n.payload,
      }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!response.ok) throw new Error(`webhook answered ${response.status} ${response.statusText}`);
  };
}
