import { ApplicationFailure } from '@temporalio/activity';
import type { CaseEvent } from '../../../../libs/domain/src';
import { EventStore, HistoryConflictError, type NewEvent } from '../../../../libs/persistence/src';

/** Appends the workflow's events to the event store; idempotent by sequence, so retries never duplicate. */
export function createEventStoreActivities(deps: { eventStore: EventStore }) {
  return {
    /** A case's whole history, to rebuild its state in a run that reopens it. */
    async readCaseEvents(input: { caseId: string }): Promise<CaseEvent[]> {
      const events = await deps.eventStore.read(input.caseId);
      return events.map((e) => ({ type: e.type, data: e.data, actor: e.actor, at: e.at }) as CaseEvent);
    },

    async appendEvents(input: { caseId: string; firstSequence: number; events: NewEvent[] }) {
      try {
        return await deps.eventStore.append(input.caseId, input.firstSequence, input.events);
      } catch (err) {
        if (err instanceof HistoryConflictError)
          throw ApplicationFailure.nonRetryable(err.message, 'HistoryConflictError');
        throw err;
      }
    },
  };
}
