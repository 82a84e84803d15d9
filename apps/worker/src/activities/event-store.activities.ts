import { ApplicationFailure } from '@temporalio/activity';
import { EventStore, HistoryConflictError, type NewEvent } from '../../../../libs/persistence/src';

/** Appends the workflow's events to the event store; idempotent by sequence, so retries never duplicate. */
export function createEventStoreActivities(deps: { eventStore: EventStore }) {
  return {
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
