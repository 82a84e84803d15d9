import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { appendAccessLog, type AccessLogEntry } from '../../../../libs/persistence/src';

const FLUSH_EVERY_MS = 100;
const FLUSH_AT_ENTRIES = 500;
/** Beyond this many unwritten entries (the database is down) reads are refused rather than left unlogged. */
export const MAX_PENDING = 50_000;

/**
 * Collects access-log entries and writes them in batches (one INSERT per ≤ 100 ms or 500 entries), so a
 * read never waits for its own log row. The window between a read and its row is at most ~100 ms; on an
 * orderly shutdown the buffer is written out, and a failed batch is kept and tried again.
 */
@Injectable()
export class AccessLogWriter implements OnApplicationShutdown {
  private readonly log = new Logger('AccessLog');
  private pending: AccessLogEntry[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly dataSource: DataSource) {}

  /** Whether the log can take more: false only when the database has refused writes for a long while. */
  get accepting(): boolean {
    return this.pending.length < MAX_PENDING;
  }

  record(entries: AccessLogEntry[]): void {
    this.pending.push(...entries);
    if (this.pending.length >= FLUSH_AT_ENTRIES) void this.flush();
    else this.timer ??= setTimeout(() => void this.flush(), FLUSH_EVERY_MS);
  }

  /** Writes everything recorded so far (the access-log query calls it, so it sees its own process's reads). */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.writing = this.writing.then(async () => {
      const batch = this.pending;
      if (!batch.length) return;
      this.pending = [];
      try {
        await appendAccessLog(this.dataSource.manager, batch);
      } catch (err) {
        this.pending = batch.concat(this.pending);
        this.log.error(`could not write ${batch.length} access-log entries; will retry: ${String(err)}`);
        this.timer ??= setTimeout(() => void this.flush(), 1000);
      }
    });
    return this.writing;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.flush();
  }
}
