import { readFileSync } from 'fs';
import { join } from 'path';
import { calculate, eligibility } from '../src';

/** The README's worked examples are real files; these tests keep the documented figures true. */
const load = (name: string): unknown =>
  JSON.parse(readFileSync(join(__dirname, '..', 'examples', name), 'utf8'));

describe('README examples', () => {
  it('calculate-dibao.json', () => {
    const r = calculate(load('calculate-dibao.json'));
    expect(r.total).toBe('13520.00');
    expect(r.components).toEqual({
      childSpecialDisease: '0.00',
      basicAid: '3600.00',
      secondaryAid: '1920.00',
      mentalRehab: '8000.00',
    });
    expect(r.explanation.lines.map((l) => [l.component, l.article, l.amount])).toEqual([
      ['EXCLUDED', 'Art. 19(4)', '0.00'],
      ['BASIC_AID', 'Art. 9(1)2', '3600.00'],
      ['SECONDARY_AID', 'Art. 10', '1920.00'],
      ['MENTAL_REHAB', 'Art. 9(3)', '8000.00'],
    ]);
  });

  it('calculate-illness-poverty-uninsured.json', () => {
    const r = calculate(load('calculate-illness-poverty-uninsured.json'));
    expect(r.total).toBe('50440.00');
    expect(r.components).toMatchObject({ basicAid: '28000.00', secondaryAid: '22440.00' });
    expect(r.approval.authority).toBe('DISTRICT_LEADER');
    expect(r.yearToDateAfter).toEqual({
      basicAidPaid: '48000.00',
      secondaryAidPaid: '23440.00',
      selfPaidAfterAid: '29300.00',
      mentalRehabPaid: '0.00',
    });
  });

  it('calculate-child.json', () => {
    const r = calculate(load('calculate-child.json'));
    expect(r.total).toBe('52100.00');
    expect(r.components).toMatchObject({
      childSpecialDisease: '30000.00',
      basicAid: '10500.00',
      secondaryAid: '11600.00',
    });
    expect(r.approval.authority).toBe('DISTRICT_CIVIL_AFFAIRS_BUREAU');
  });

  it('eligibility-illness-poverty.json', () => {
    const r = eligibility(load('eligibility-illness-poverty.json'));
    expect(r.eligible).toBe(true);
    expect(r.household!.size).toBe(3);
    expect(r.criteria.find((c) => c.id === 'BURDEN')!.figures).toMatchObject({
      combinedCosts: '22000.00',
      threshold: '21600.00',
      share: '61.11%',
    });
  });
});
