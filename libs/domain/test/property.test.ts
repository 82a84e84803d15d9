import fc from 'fast-check';
import type { Actor } from '../src/actors';
import { COMMAND_TYPES, type CaseCommand, type CommandType } from '../src/commands';
import { decide } from '../src/decide';
import { evolve } from '../src/evolve';
import { allowedActions, caseSummary } from '../src/queries';
import { initialState, isTerminal, type CaseState } from '../src/state';
import { CATEGORIES, STEP_DEFINITIONS, STEPS } from '../src/steps';
import { sampleCommand } from './samples';
import { ACTOR_POOL, iso, START_MS } from './support';

const HOUR = 3_600_000;
/** Anytime events end a case; the walk prefers commands that move it along. */
const DISRUPTIVE: CommandType[] = ['Withdraw', 'ReportDeath', 'ReportFraud', 'Suspend', 'Refuse'];
const HOUSEKEEPING: CommandType[] = ['IssueReminder', 'Reassign', 'ExtendDeadline', 'RecomputeDeadline'];
const JUNK: unknown[] = [
  null,
  7,
  'x',
  [],
  {},
  { step: 'NOPE' },
  { amount: '1.234', reasons: [] },
  { eligible: 'yes' },
];

function checkInvariants(state: CaseState): void {
  if (isTerminal(state.status)) expect(state.openSteps).toEqual([]);
  if (!isTerminal(state.status) && state.status !== 'NEW') expect(state.openSteps.length).toBeGreaterThan(0);
  expect(state.openSteps.length).toBeLessThanOrEqual(1);
  if (state.status === 'RECOVERING') expect(state.openSteps.map((open) => open.step)).toEqual(['RECOVERY']);
  if (state.suspended)
    expect(state.openSteps.every((open) => open.pausedFor.includes('SUSPENDED'))).toBe(true);
  for (const open of state.openSteps) expect(open.assignee.role).toBe(STEP_DEFINITIONS[open.step].holder);
  expect(() => caseSummary(state)).not.toThrow();
}

/** allowedActions and decide agree for every actor and every command type. */
function checkAgreement(state: CaseState, clockMs: number, category: (typeof CATEGORIES)[number]): void {
  for (const actor of ACTOR_POOL) {
    const allowed = new Set(allowedActions(state, actor));
    for (const type of COMMAND_TYPES) {
      const decision = decide(state, sampleCommand(state, type, actor, clockMs, { category }));
      if (decision.ok !== allowed.has(type)) {
        const detail = decision.ok
          ? 'accepted but not listed'
          : `listed but rejected: ${decision.rejection.code} ${decision.rejection.messageEn}`;
        throw new Error(
          `${type} by ${actor.role}/${actor.id} at ${state.status}/${state.openSteps.map((o) => o.step).join(',')}: ${detail}`,
        );
      }
    }
  }
}

/** FULL-route categories weigh more: their paths are longer and branchier. */
const category = fc.oneof(
  { arbitrary: fc.constantFrom<(typeof CATEGORIES)[number]>('ILLNESS_POVERTY', 'OTHER_HARDSHIP'), weight: 3 },
  { arbitrary: fc.constantFrom(...CATEGORIES), weight: 1 },
);

const move = fc.record({
  actorPick: fc.nat(),
  typePick: fc.nat(),
  mode: fc.integer({ min: 0, max: 9 }),
  variant: fc.nat({ max: 11 }),
  hours: fc.integer({ min: 0, max: 24 * 40 }),
  junk: fc.nat({ max: JUNK.length - 1 }),
});

/** What the walks reached, so the property cannot pass by never leaving the start. */
const reached = { statuses: new Set<string>(), steps: new Set<string>(), events: new Set<string>() };

describe('properties of decide + evolve', () => {
  test('random command sequences keep closed cases closed, and allowedActions agrees with decide', () => {
    fc.assert(
      fc.property(
        category,
        fc.boolean(),
        fc.array(move, { minLength: 20, maxLength: 80 }),
        (category, provisional, moves) => {
          let state: CaseState = initialState;
          let clockMs = START_MS;
          checkAgreement(state, clockMs, category);
          for (const step of moves) {
            clockMs += step.hours * HOUR;
            let command: CaseCommand;
            if (step.mode === 9) {
              // anything at all: a random type by a random actor, sometimes with junk data
              const actor: Actor = ACTOR_POOL[step.actorPick % ACTOR_POOL.length];
              const type = COMMAND_TYPES[step.typePick % COMMAND_TYPES.length];
              command = sampleCommand(state, type, actor, clockMs, {
                category,
                provisional,
                variant: step.variant,
              });
              if (step.variant % 2) command = { ...command, data: JUNK[step.junk] } as CaseCommand;
            } else {
              const pairs = ACTOR_POOL.flatMap((actor) =>
                allowedActions(state, actor).map((type) => ({ actor, type })),
              );
              const calm = pairs.filter((pair) => !DISRUPTIVE.includes(pair.type));
              const progress = calm.filter((pair) => !HOUSEKEEPING.includes(pair.type));
              const pool =
                step.mode < 6 && progress.length > 0
                  ? progress
                  : step.mode < 8 && calm.length > 0
                    ? calm
                    : pairs;
              if (pool.length === 0) continue;
              const { actor, type } = pool[step.typePick % pool.length];
              command = sampleCommand(state, type, actor, clockMs, {
                category,
                provisional,
                variant: step.variant,
              });
            }
            const decision = decide(state, command);
            if (!decision.ok) continue;
            expect(decision.events.length).toBeGreaterThan(0);
            for (const event of decision.events) expect(event.at).toBe(command.at);
            state = decision.events.reduce(evolve, state);
            reached.statuses.add(state.status);
            for (const event of decision.events) reached.events.add(event.type);
            for (const open of state.openSteps) reached.steps.add(open.step);
            clockMs = Math.max(clockMs, Date.parse(command.at));
            checkInvariants(state);
            checkAgreement(state, clockMs, category);
          }
        },
      ),
      { numRuns: 200 },
    );
    expect([...reached.statuses].sort()).toEqual([
      'APPROVED',
      'CANCELLED',
      'CLOSED',
      'OPEN',
      'PAID',
      'RECOVERING',
      'REJECTED',
      'TERMINATED',
      'WITHDRAWN',
    ]);
    expect(STEPS.filter((step) => !reached.steps.has(step))).toEqual([]);
  });

  test('decide is deterministic and never throws', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...COMMAND_TYPES),
        fc.anything(),
        fc.constantFrom(...ACTOR_POOL),
        (type, data, actor) => {
          const command = { type, data, actor, at: iso(START_MS) } as CaseCommand;
          const first = decide(initialState, command);
          expect(decide(initialState, command)).toEqual(first);
        },
      ),
      { numRuns: 300 },
    );
  });
});
