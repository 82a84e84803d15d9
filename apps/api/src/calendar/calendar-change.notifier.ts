import { Injectable, Logger } from '@nestjs/common';
import type { CalendarActor, CalendarChangeKind } from '../../../../libs/persistence/src';

/** What open cases need to know after the bureau's calendar changed. */
export interface CalendarChangedEvent {
  readonly type: 'CalendarChanged';
  /** The calendar_changes row (durable, ordered): a consumer can resume from the last id it handled. */
  readonly changeId: string;
  readonly kind: CalendarChangeKind;
  readonly year: number;
  /**
   * The days whose status may have changed (a whole year for an arrangement, one day for an entry): every
   * open deadline whose counting covered one of them — provisional ones past the old coverage, but also
   * certain ones over a newly closed day — must be recomputed (`WorkingDayCalendar.recompute`).
   */
  readonly affected: { readonly from: string; readonly through: string };
  /** Coverage after the change; deadlines up to this day are no longer provisional. */
  readonly authoritativeThrough: string;
  readonly actor: CalendarActor;
  readonly reason: string;
  readonly at: string;
}

/**
 * THE SEAM: called once after each committed calendar change (never for a refused or an unchanged one).
 * For now it only logs; it is where the open workflows with provisional deadlines get signalled to recompute.
 * The change is already committed when this runs; a failure here is logged by the caller and does not undo it,
 * so whoever makes this signal workflows can re-drive from `calendar_changes` by `changeId`.
 */
@Injectable()
export class CalendarChangeNotifier {
  private readonly log = new Logger('CalendarChangeNotifier');

  async notifyCalendarChanged(change: CalendarChangedEvent): Promise<void> {
    this.log.log(
      `calendar changed: ${change.kind} #${change.changeId} year ${change.year}, days ${change.affected.from}..${change.affected.through}, ` +
        `authoritative through ${change.authoritativeThrough}, by ${change.actor.id} (${change.reason}) ${JSON.stringify(change)}`,
    );
  }
}
