import { COMMAND_BODIES, commandDataProblem } from './bodies';
import { COMMAND_TERMS, type CommandType } from './commands';
import { isRecord } from './formats';
import { reject, type Rejection } from './rejections';
import type { CaseState } from './state';

/**
 * What a person may send (issue 10: never take from a person a figure the system knows or must decide).
 * The workflow fills the `system` fields of COMMAND_BODIES in from the rules and its own records before the
 * decider sees the command; a request that carries one is refused before anything happens, and the
 * request-only input (the household facts, the calculation input) must be there. Cases registered before
 * issue 10 (`systemDecides` false) keep the old contract.
 */
export function requestProblem(state: CaseState, type: string, data: unknown): Rejection | null {
  if (!state.systemDecides || !isCommandType(type)) return null;
  const problem = commandDataProblem(type, data, 'request-input');
  if (problem) return problem;
  const d = isRecord(data) ? data : {};
  // Direct route (Art. 14): the facts come with the district review when the case has no assessment yet.
  if (type === 'RecordDistrictReview' && !state.eligibility && !isRecord(d.household)) {
    return reject.invalidData(
      'data.household',
      ...COMMAND_BODIES.RecordDistrictReview.fields.household.message!,
    );
  }
  return null;
}

function isCommandType(type: string): type is CommandType {
  return Object.prototype.hasOwnProperty.call(COMMAND_TERMS, type);
}
