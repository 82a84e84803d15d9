import { isRole, type Actor } from './actors';
import { commandDataProblem } from './bodies';
import { COMMAND_TERMS, type CaseCommand, type CommandOf, type CommandType } from './commands';
import { instantMs, isIsoInstant, isNonEmptyString, isRecord } from './formats';
import { HANDLERS } from './handlers';
import type { CommandHandler, Decision } from './handlers/handler';
import { reject, type Rejection } from './rejections';
import { initialState, type CaseState } from './state';

export type { Decision } from './handlers/handler';

function isCommandType(value: unknown): value is CommandType {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(COMMAND_TERMS, value);
}

/** The envelope every command shares: known type, a well-formed actor, a time, an object of data. */
function envelopeProblem(command: unknown): Rejection | null {
  if (!isRecord(command) || !isCommandType(command.type))
    return reject.unknownCommand(isRecord(command) ? command.type : command);
  const actor = command.actor;
  if (!isRecord(actor) || !isNonEmptyString(actor.id) || !isRole(actor.role)) {
    return reject.invalidData('actor', '须注明操作人 {id, role}。', 'the actor {id, role} is required.');
  }
  if (actor.role === 'CASEWORKER' && !isNonEmptyString(actor.town)) {
    return reject.invalidData(
      'actor.town',
      '镇街经办人员须注明所属镇街。',
      'a caseworker must carry their town.',
    );
  }
  if (!isIsoInstant(command.at)) {
    return reject.invalidData(
      'at',
      '操作时间须为带时区的 ISO 时间，如 2019-03-01T09:00:00+08:00。',
      'the time must be an ISO instant with offset, e.g. 2019-03-01T09:00:00+08:00.',
    );
  }
  if (!isRecord(command.data))
    return reject.invalidData('data', '缺少操作数据。', 'the command data object is missing.');
  return null;
}

/**
 * May this actor do this now, and what happened if so. Pure: no clock, no I/O; never throws —
 * every problem comes back as a rejection.
 */
export function decide(state: CaseState | undefined, command: CaseCommand): Decision {
  const problem = envelopeProblem(command);
  if (problem) return { ok: false, rejection: problem };
  const current = state ?? initialState;
  const handler = HANDLERS[command.type] as CommandHandler<CommandType>;
  const refused = handler.guard(current, command.actor as Actor);
  if (refused) return { ok: false, rejection: refused };
  if (current.lastEventAt && instantMs(command.at) < instantMs(current.lastEventAt)) {
    return { ok: false, rejection: reject.timeBeforeLastEvent(command.at, current.lastEventAt) };
  }
  // The data's shape (COMMAND_BODIES); the handler then judges it against the case.
  const malformed = commandDataProblem(command.type, command.data, 'command');
  if (malformed) return { ok: false, rejection: malformed };
  return handler.handle(current, command as CommandOf<CommandType>);
}
