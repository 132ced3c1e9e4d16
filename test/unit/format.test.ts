/**
 * vi-VN number style as the decision writes it: decimal comma (0,25; 95,75), no trailing zeros for
 * points, always two decimals for indexes and percentages; what an official types is read back.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatFixed2, formatPercent, formatPoints, parsePoints } from '../../shared/index.js';

describe('formatPoints', () => {
  it('writes points with a decimal comma and no trailing zeros', () => {
    expect(formatPoints(25)).toBe('0,25');
    expect(formatPoints(9575)).toBe('95,75');
    expect(formatPoints(1700)).toBe('17');
    expect(formatPoints(0)).toBe('0');
    expect(formatPoints(50)).toBe('0,5');
    expect(formatPoints(250)).toBe('2,5');
    expect(formatPoints(5)).toBe('0,05');
    expect(formatPoints(10000)).toBe('100');
    expect(formatPoints(-25)).toBe('-0,25');
  });
  it('groups thousands with a dot as vi-VN does (1.234,5), never with a comma', () => {
    // Points stay ≤ 100 in practice; if a larger figure is ever shown it must not read as a decimal.
    expect(formatPoints(123450)).toBe('1.234,5');
    expect(formatPoints(100000)).toBe('1.000');
  });
  it('shows nothing for an unscored row', () => {
    expect(formatPoints(null)).toBe('');
    expect(formatPoints(undefined)).toBe('');
    expect(formatPoints(Number.NaN)).toBe('');
  });
});

describe('formatFixed2', () => {
  it('always writes two decimals', () => {
    expect(formatFixed2(9575)).toBe('95,75');
    expect(formatFixed2(10000)).toBe('100,00');
    expect(formatFixed2(0)).toBe('0,00');
    expect(formatFixed2(5)).toBe('0,05');
    expect(formatFixed2(9650)).toBe('96,50');
    expect(formatFixed2(9672)).toBe('96,72');
    expect(formatFixed2(-5)).toBe('-0,05');
    expect(formatFixed2(123456)).toBe('1.234,56');
  });
});

describe('formatPercent', () => {
  it('writes one style of percentage: decimal comma, two decimals, the sign right after the number', () => {
    expect(formatPercent(750)).toBe('7,50%');
    expect(formatPercent(2976)).toBe('29,76%');
    expect(formatPercent(10000)).toBe('100,00%');
    expect(formatPercent(0)).toBe('0,00%');
  });
  it('rounds to a whole percent for labels and progress', () => {
    expect(formatPercent(9000, 0)).toBe('90%');
    expect(formatPercent(4550, 0)).toBe('46%');
    expect(formatPercent(0, 0)).toBe('0%');
  });
  it('never puts a space (plain or no-break) before the sign', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1_000_000 }),
        (h) => !/\s%/u.test(formatPercent(h)) && !/\s%/u.test(formatPercent(h, 0)),
      ),
    );
  });
});

describe('parsePoints', () => {
  it('reads a decimal comma or a decimal point, with spaces around', () => {
    expect(parsePoints('0,25')).toBe(25);
    expect(parsePoints('0.25')).toBe(25);
    expect(parsePoints(' 2,5 ')).toBe(250);
    expect(parsePoints('17')).toBe(1700);
    expect(parsePoints('95,75')).toBe(9575);
    expect(parsePoints('0,05')).toBe(5);
    expect(parsePoints('100')).toBe(10000);
    expect(parsePoints('\u00a01,5\t')).toBe(150);
  });
  it('gives null for an empty field', () => {
    expect(parsePoints('')).toBeNull();
    expect(parsePoints('   ')).toBeNull();
  });
  it('refuses what is not a score: three decimals, a sign, letters, thousands groups', () => {
    for (const t of [
      '1,234',
      '0,125',
      '-1',
      '-0,25',
      '+1',
      'abc',
      '1e2',
      '1.234,5',
      '1 000',
      '1,2,3',
      ',5',
      '1,',
      '0x10',
      'Infinity',
    ])
      expect(parsePoints(t), t).toBeNaN();
  });
  it('reads back whatever formatPoints and formatFixed2 wrote, for every score up to 100 points', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10000 }), (h) => {
        expect(parsePoints(formatPoints(h))).toBe(h);
        expect(parsePoints(formatFixed2(h))).toBe(h);
      }),
    );
  });
});
