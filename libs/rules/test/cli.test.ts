import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../src/cli';
import { eligInput } from './fixtures';

/** The CLI's commands on real input texts: the `eligibility` command decides Art. 5, 6, 7, 11. */
const example = (name: string) => readFileSync(join(__dirname, '..', 'examples', name), 'utf8');

describe('rules CLI', () => {
  it('eligibility: prints the decision with its criteria and exits 0', () => {
    const out = run('eligibility', example('eligibility-illness-poverty.json'));
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.eligible).toBe(true);
    expect(result.criteria.map((c: { id: string }) => c.id)).toContain('BURDEN');
  });

  it('eligibility: a household over the deposit limit is not eligible, with the failed criterion', () => {
    // M = 9,600; one member with 9,600.01 of deposits is above the per-person limit (Art. 6(2)).
    const input = eligInput();
    (input.members as Record<string, unknown>[])[0]!.assets = {
      homes: 0,
      deposits: '9600.01',
      securities: '0.00',
      vehicles: [],
      businesses: [],
    };
    const out = run('eligibility', JSON.stringify(input));
    expect(out.code).toBe(0);
    const result = JSON.parse(out.stdout);
    expect(result.eligible).toBe(false);
    expect(result.criteria.find((c: { id: string }) => c.id === 'DEPOSITS').passed).toBe(false);
  });

  it('eligibility: bad input prints the typed error naming the field and exits 2', () => {
    const out = run('eligibility', JSON.stringify(eligInput({ householdDisposableIncome12m: 30000 })));
    expect(out.code).toBe(2);
    expect(JSON.parse(out.stdout).error).toMatchObject({
      code: 'MONEY_NOT_STRING',
      field: 'householdDisposableIncome12m',
    });
  });

  it('calculate still works; bad JSON exits 2; an unknown command exits 64', () => {
    expect(JSON.parse(run('calculate', example('calculate-dibao.json')).stdout).total).toBe('13520.00');
    expect(run('calculate', '{').code).toBe(2);
    expect(run('decide', '{}')).toMatchObject({ code: 64, stdout: '' });
  });
});
