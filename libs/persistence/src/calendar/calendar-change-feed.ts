import { Client } from 'pg';

/** The channel the calendar_changes trigger notifies on (migration 1764900000000). */
export const CALENDAR_CHANGES_CHANNEL = 'calendar_changes';

/**
 * Tells a CalendarStore when the bureau has changed the calendar, by PostgreSQL LISTEN on its own
 * connection, so the store need not ask `max(id)` before every deadline it counts (one query and one pool
 * connection less on every action). While the connection is down (a restart, a network fault) the feed is
 * not `live` and the store asks on every call as before; each (re)connection counts as a change.
 */
export class CalendarChangeFeed {
  private generationCount = 0;
  private listening = false;
  private client: Client | null = null;
  private retry: NodeJS.Timeout | null = null;
  private stopped = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onError: (err: Error) => void = () => undefined,
  ) {}

  /** True while every change is certain to be heard. */
  get live(): boolean {
    return this.listening;
  }

  /** Moves on every change heard and every (re)connection: a cache checked at one generation is valid while it holds. */
  get generation(): number {
    return this.generationCount;
  }

  /** Connects and listens; on failure keeps retrying in the background (the store falls back meanwhile). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.listening = false;
    await this.client?.end().catch(() => undefined);
    this.client = null;
  }

  private async connect(delayMs = 1_000): Promise<void> {
    const client = new Client({
      connectionString: this.databaseUrl,
      application_name: 'jiuzhu-calendar-feed',
    });
    const lost = (err?: Error) => {
      if (this.client !== client) return;
      this.client = null;
      this.listening = false;
      this.generationCount++;
      if (err) this.onError(err);
      client.end().catch(() => undefined);
      if (!this.stopped)
        this.retry = setTimeout(() => void this.connect(Math.min(delayMs * 2, 30_000)), delayMs);
    };
    client.on('notification', () => this.generationCount++);
    client.on('error', (err) => lost(err));
    client.on('end', () => lost());
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CALENDAR_CHANGES_CHANNEL}`);
      if (this.client !== client) return;
      // Changes made while nobody listened are found by the store's next check at the new generation.
      this.generationCount++;
      this.listening = true;
    } catch (err) {
      lost(err as Error);
    }
  }
}
