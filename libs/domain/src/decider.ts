import type { CaseCommand } from './commands';
import { decide, type Decision } from './decide';
import type { CaseEvent } from './events';
import { evolve } from './evolve';
import { initialState, type CaseState } from './state';

/** The decider (oskardudycz samples/decider): one value serving the validator, the workflow and projections. */
export interface Decider<Command, Event, State, Result> {
  decide(state: State | undefined, command: Command): Result;
  evolve(state: State, event: Event): State;
  initialState: State;
}

export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState, Decision> = {
  decide,
  evolve,
  initialState,
};
