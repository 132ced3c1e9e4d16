/**
 * What the save status and the warning before leaving say about edits that cannot be saved yet: a
 * score field still holding an invalid value (the last valid value is what is saved, so the status
 * must not read "Đã lưu"), rows held back (a comment the server requires), a failed save.
 */
import type { SaveState } from './autosave.svelte';
import { formatPoints } from './format';
import type { Hundredths } from '$shared/framework';

const LISTED = 4;

/** "Chưa lưu tiêu chí 1.2.2: điểm không hợp lệ.", or how many with the first few codes. */
export function invalidRowsText(codes: readonly string[]): string {
  if (codes.length === 0) return '';
  if (codes.length === 1) return `Chưa lưu tiêu chí ${codes[0]}: điểm không hợp lệ.`;
  const shown = codes.slice(0, LISTED).join(', ') + (codes.length > LISTED ? ', …' : '');
  return `Chưa lưu ${codes.length} tiêu chí (${shown}): điểm không hợp lệ.`;
}

/**
 * Why leaving now would lose typing, or undefined when leaving is safe (pending valid edits are sent
 * on the way out). Asked before an in-app navigation and before the tab is closed or reloaded.
 */
export function leaveWarning(invalid: readonly string[], save: SaveState): string | undefined {
  const why: string[] = [];
  if (invalid.length > 0) why.push(invalidRowsText(invalid));
  if (save.kind === 'held') why.push(save.message);
  if (save.kind === 'error') why.push(`Chưa lưu được: ${save.message}`);
  if (why.length === 0) return undefined;
  return `${why.join('\n')}\n\nRời trang bây giờ thì các thay đổi này sẽ mất. Vẫn rời trang?`;
}

/** Under a field holding an invalid value: nothing was sent, the saved score stays (and counts). */
export function keptScoreText(saved: Hundredths | null): string {
  return saved === null ? 'Chưa lưu; tiêu chí vẫn chưa có điểm.' : `Chưa lưu; vẫn giữ điểm đã lưu ${formatPoints(saved)}.`;
}
