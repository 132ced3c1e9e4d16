/**
 * The score field's decision (issue 21, item 1): what its text means for the saved score. Every
 * invalid form of entry from the walk sends nothing and keeps the saved score; a valid new value is
 * the only thing ever sent; the text equal to what is saved sends nothing.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { COMMIT_PAUSE_MS, FieldPauses, decideScore } from '../../src/lib/score-input';
import { keptScoreText } from '../../src/lib/save-text';

const HALF = 50;
const ONE = 100;

describe('decideScore', () => {
  it('refuses every invalid form of entry, whatever is saved', () => {
    for (const saved of [null, 0, 25]) {
      for (const [text, max, message] of [
        ['0,75', HALF, 'không được vượt quá điểm tối đa 0,5'],
        ['1,33', ONE, 'không được vượt quá điểm tối đa 1'],
        ['0,333', ONE, 'tối đa hai chữ số thập phân'],
        ['0,25đ', ONE, 'phải là một số'],
        ['abc', ONE, 'phải là một số'],
        [',', ONE, 'phải là một số'],
        ['0,', ONE, 'phải là một số'],
        ['０,５', ONE, 'phải là một số'],
        ['0,５', ONE, 'phải là một số'],
        ['-0,25', ONE, 'không được âm'],
      ] as const) {
        const d = decideScore(text, max, saved);
        expect(d.kind, `${text} over ${saved}`).toBe('invalid');
        if (d.kind === 'invalid') expect(d.message).toContain(message);
      }
    }
  });

  it('sends a valid value only when it differs from the saved one', () => {
    expect(decideScore('0,25', HALF, null)).toEqual({ kind: 'send', value: 25 });
    expect(decideScore('0.5', HALF, 25)).toEqual({ kind: 'send', value: 50 });
    expect(decideScore(' 0,5 ', HALF, 50)).toEqual({ kind: 'same' });
    expect(decideScore('0,50', HALF, 50)).toEqual({ kind: 'same' });
    // Emptying the field clears a saved score; an empty field over nothing saved sends nothing.
    expect(decideScore('', HALF, 25)).toEqual({ kind: 'send', value: null });
    expect(decideScore('  ', HALF, null)).toEqual({ kind: 'same' });
  });

  it('the prefixes typed on the way to an invalid value are valid: only the pause tells them apart', () => {
    // Why a keystroke alone never sends (the bug: "0,75" into a 0,5 row stored 0).
    expect(decideScore('0', HALF, null)).toEqual({ kind: 'send', value: 0 });
    expect(decideScore('0,33', ONE, null)).toEqual({ kind: 'send', value: 33 });
    // The pause is longer than the slowest typing the issue names (1 s a keystroke).
    expect(COMMIT_PAUSE_MS).toBeGreaterThan(1000);
  });
});

describe('FieldPauses: a valid value is taken only after a pause with the text unchanged', () => {
  afterEach(() => vi.useRealTimers());

  /** Types `text` one character every `delay` ms as the form does (decide, then restart or drop the pause). */
  function typeSlowly(text: string, max: number, delay: number) {
    vi.useFakeTimers();
    const taken: string[] = [];
    let field = '';
    const pauses = new FieldPauses(() => taken.push(field));
    for (const ch of text) {
      field += ch;
      if (decideScore(field, max, null).kind === 'send') pauses.typed('1.2.1');
      else pauses.cancel('1.2.1');
      vi.advanceTimersByTime(delay);
    }
    const waiting = pauses.has('1.2.1');
    vi.advanceTimersByTime(COMMIT_PAUSE_MS * 2);
    return { taken, waiting };
  }

  for (const delay of [50, 200, 500, 1000]) {
    it(`typing one key every ${delay} ms takes no prefix of an invalid value`, () => {
      for (const text of ['0,75', '0,333', '0,25đ', ',', '０,５']) expect(typeSlowly(text, HALF, delay).taken).toEqual([]);
    });
    it(`typing one key every ${delay} ms takes a valid value once, whole`, () => {
      expect(typeSlowly('0,25', HALF, delay)).toEqual({ taken: ['0,25'], waiting: delay < COMMIT_PAUSE_MS });
    });
  }

  it('a pause longer than COMMIT_PAUSE_MS on a valid prefix takes it (the rule, said plainly)', () => {
    expect(typeSlowly('0,75', HALF, COMMIT_PAUSE_MS + 1).taken).toEqual(['0']);
  });
});

describe('keptScoreText', () => {
  it('says that nothing was saved and which score stays', () => {
    expect(keptScoreText(null)).toBe('Chưa lưu; tiêu chí vẫn chưa có điểm.');
    expect(keptScoreText(25)).toBe('Chưa lưu; vẫn giữ điểm đã lưu 0,25.');
  });
});
