/**
 * After a step confirmed in a dialog, the button that opened it is often gone (the form locked, the
 * next step replaced it) and the result message is drawn far above on a phone. The message takes the
 * focus (it has tabindex="-1" and role="status"), so a screen reader reads it, and is scrolled into view.
 */
export function revealMessage(el: HTMLElement | null | undefined): boolean {
  if (!el || !el.isConnected) return false;
  el.focus({ preventScroll: true });
  el.scrollIntoView({ block: 'center' });
  return true;
}
