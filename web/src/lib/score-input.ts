/** What the score field accepts: exactly what the server accepts (0..max, at most two decimals). */
import { parsePoints } from '$shared/format';
import { formatPoints } from './format';
import type { Hundredths } from '$shared/framework';

export type ParsedScore = { ok: true; value: Hundredths | null } | { ok: false; message: string };

export function parseScore(text: string, max: Hundredths): ParsedScore {
  const h = parsePoints(text);
  if (h === null) return { ok: true, value: null };
  if (Number.isNaN(h)) {
    const t = text.trim();
    if (/^-/.test(t)) return { ok: false, message: 'Điểm không được âm.' };
    if (/^\d+[.,]\d{3,}$/.test(t)) return { ok: false, message: 'Điểm có tối đa hai chữ số thập phân (ví dụ 0,25).' };
    return { ok: false, message: 'Điểm phải là một số, ví dụ 0,25 hoặc 1.' };
  }
  if (h > max) return { ok: false, message: `Điểm không được vượt quá điểm tối đa ${formatPoints(max)}.` };
  return { ok: true, value: h };
}

/**
 * How long the text of a score field must stay unchanged (and valid) before it is taken as meant.
 * Typing "0,75" passes through "0", a valid prefix: a value is sent only once the official has
 * finished with the field (blur, Enter, or this pause), never on a keystroke (issue 21, item 1).
 */
export const COMMIT_PAUSE_MS = 1500;

/**
 * What the field's text means for the row's saved score (`saved`: what the server holds or is about
 * to): `invalid` sends nothing and keeps `saved`; `same` has nothing to send; `send` carries the value
 * to save once the official has finished with the field.
 */
export type ScoreDecision = { kind: 'invalid'; message: string } | { kind: 'same' } | { kind: 'send'; value: Hundredths | null };

export function decideScore(text: string, max: Hundredths, saved: Hundredths | null): ScoreDecision {
  const parsed = parseScore(text, max);
  if (!parsed.ok) return { kind: 'invalid', message: parsed.message };
  return parsed.value === saved ? { kind: 'same' } : { kind: 'send', value: parsed.value };
}

/**
 * The pause of each score field holding a valid new value: `typed` (re)starts it on every keystroke,
 * `cancel` drops it (the text became invalid, or the field was committed another way); when it runs
 * out `onPause` takes the value. `pending` lists the fields still waiting (leaving commits them).
 */
export class FieldPauses {
  private timers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(
    private readonly onPause: (code: string) => void,
    private readonly ms = COMMIT_PAUSE_MS,
  ) {}

  typed(code: string) {
    this.cancel(code);
    this.timers.set(
      code,
      setTimeout(() => {
        this.timers.delete(code);
        this.onPause(code);
      }, this.ms),
    );
  }

  cancel(code: string) {
    clearTimeout(this.timers.get(code));
    this.timers.delete(code);
  }

  has(code: string): boolean {
    return this.timers.has(code);
  }

  get size(): number {
    return this.timers.size;
  }

  pending(): string[] {
    return [...this.timers.keys()];
  }
}
