import fc from 'fast-check';
import { Money } from '../src';
import { Dec, MONEY_FAST_PATHS } from '../src/money';

/**
 * Money builds Decimals from canonical amount strings without going through decimal.js's string parser.
 * These check that the path is switched on and agrees with decimal.js itself on arbitrary amounts
 * (including ones far beyond any real bill), and that amounts computed from such Decimals print as
 * decimal.js prints them.
 */
const amount = fc
  .tuple(fc.bigInt({ min: 0n, max: 10n ** 30n }), fc.integer({ min: 0, max: 99 }))
  .map(([w, f]) => `${w}.${String(f).padStart(2, '0')}`);

function internals(d: Dec): { s: number; e: number; d: number[] } {
  const x = d as unknown as { s: number; e: number; d: number[] };
  return { s: x.s, e: x.e, d: [...x.d] };
}

function decimalText(d: Dec): string {
  const s = d.toString();
  const dot = s.indexOf('.');
  if (dot < 0) return `${s}.00`;
  return s.length - dot - 1 === 1 ? `${s}0` : s;
}

describe('Money fast paths', () => {
  it('is active (its load-time self-check passed)', () => {
    expect(MONEY_FAST_PATHS).toEqual({ canonical: true });
  });

  it('build exactly the Decimal that decimal.js parses', () => {
    fc.assert(
      fc.property(amount, (s) => {
        const m = Money.parse(s, 'x');
        expect(internals(m.value)).toEqual(internals(new Dec(s)));
      }),
      { numRuns: 2000 },
    );
  });

  it('print exactly what decimal.js prints, for sums, differences and rounded products', () => {
    fc.assert(
      fc.property(amount, amount, fc.constantFrom('0.7', '0.8', '0.9', '0.2', '1'), (a, b, rate) => {
        const x = Money.parse(a, 'a');
        const y = Money.parse(b, 'b');
        for (const r of [x.plus(y), x.minus(y), y.minus(x), Money.roundHalfUp(x.times(new Dec(rate)))]) {
          expect(r.toString()).toBe(decimalText(r.value));
        }
      }),
      { numRuns: 2000 },
    );
  });
});
