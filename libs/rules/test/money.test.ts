import { Money, RulesValidationError } from '../src';
import { Dec } from '../src/money';

describe('Money', () => {
  it.each([
    ['0', '0.00'],
    ['1', '1.00'],
    ['1.5', '1.50'],
    ['1234.56', '1234.56'],
    ['000123.40', '123.40'],
    ['99999999999999.99', '99999999999999.99'],
  ])('parses %s as %s', (raw, out) => {
    expect(Money.parse(raw, 'x').toString()).toBe(out);
  });

  it.each([
    [12.5, 'MONEY_NOT_STRING'],
    [undefined, 'MISSING_FIELD'],
    [null, 'MISSING_FIELD'],
    [{}, 'MONEY_NOT_STRING'],
    ['', 'MONEY_FORMAT'],
    [' 1.00', 'MONEY_FORMAT'],
    ['1.', 'MONEY_FORMAT'],
    ['.5', 'MONEY_FORMAT'],
    ['+1', 'MONEY_FORMAT'],
    ['NaN', 'MONEY_FORMAT'],
    ['Infinity', 'MONEY_FORMAT'],
    ['-0.01', 'MONEY_NEGATIVE'],
    ['1.001', 'MONEY_TOO_MANY_DECIMALS'],
    ['1.000', 'MONEY_TOO_MANY_DECIMALS'],
  ])('refuses %p with %s', (raw, code) => {
    expect(() => Money.parse(raw, 'bills[0].totalCost')).toThrow(RulesValidationError);
    try {
      Money.parse(raw, 'bills[0].totalCost');
    } catch (e) {
      expect((e as RulesValidationError).code).toBe(code);
      expect((e as RulesValidationError).field).toBe('bills[0].totalCost');
    }
  });

  it.each([
    ['0.005', '0.01'],
    ['0.004999', '0.00'],
    ['2.675', '2.68'], // 2.675 as a float is 2.67499999…; exact decimals round up
    ['1.015', '1.02'],
    ['0.105', '0.11'], // half-up, not banker's rounding
    ['0.115', '0.12'],
  ])('rounds %s half-up to %s', (v, out) => {
    expect(Money.roundHalfUp(new Dec(v)).toString()).toBe(out);
  });

  it('keeps exact sums where floats drift', () => {
    const a = Money.parse('0.10', 'a').plus(Money.parse('0.20', 'b'));
    expect(a.toString()).toBe('0.30');
    expect(a.eq(Money.parse('0.30', 'c'))).toBe(true);
  });

  it('serialises to a 2-decimal string in JSON', () => {
    expect(JSON.stringify({ m: Money.parse('5', 'm') })).toBe('{"m":"5.00"}');
  });
});
