import { Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from '@temporalio/client';
import { APPLICATION_WORKFLOW_TYPES, calendarChangedSignal } from '../../../../workflows/src/definitions';
import { TEMPORAL_CLIENT } from '../infrastructure/tokens';
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
 * Called once after each committed calendar change (never for a refused or an unchanged one): every running
 * application workflow is signalled to count its provisional deadlines again (the workflow asks the calendar
 * activity; the decider keeps certain deadlines as they are). Found through Temporal's own visibility, so no
 * open case is missed. The change is already committed when this runs; a failure is logged by the caller and
 * the signals can be re-driven from `calendar_changes` by `changeId`.
 */
@Injectable()
export class CalendarChangeNotifier {
  private readonly log = new Logger('CalendarChangeNotifier');

  constructor(@Inject(TEMPORAL_CLIENT) private readonly temporal: Client) {}

  async notifyCalendarChanged(change: CalendarChangedEvent): Promise<void> {
    let signalled = 0;
    const types = APPLICATION_WORKFLOW_TYPES.map((t) => `'${t}'`).join(', ');
    const query = `WorkflowType IN (${types}) AND ExecutionStatus = 'Running'`;
    for await (const workflow of this.temporal.workflow.list({ query })) {
      await this.temporal.workflow.getHandle(workflow.workflowId).signal(calendarChangedSignal);
      signalled++;
    }
    this.log.log(
      `calendar changed: ${change.kind} #${change.changeId} year ${change.year} by ${change.actor.id} (${change.reason}); ` +
        `authoritative through ${change.authoritativeThrough}; signalled ${signalled} open case(s)`,
    );
  }
}
