import type { CommandType } from '../commands';
import type { Rejection } from '../rejections';
import { bodyProblem, type Audience } from './check';
import { COMMAND_BODIES } from './command-bodies';

export { COMMAND_BODIES } from './command-bodies';
export { bodyProblem, messageOf, type Audience } from './check';
export type { BodySpec, Field, Fields, Message, Shape, Source, Variants } from './shapes';
export { MAX } from './shapes';

/** The first structural problem of a command's data (`COMMAND_BODIES`), naming the field path; or null. */
export function commandDataProblem(type: CommandType, data: unknown, audience: Audience): Rejection | null {
  return bodyProblem(COMMAND_BODIES[type], data, audience);
}
