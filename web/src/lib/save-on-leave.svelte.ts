/**
 * Never lose typing: while a form page is open, what is pending is sent when the tab is hidden, the
 * browser warns before leaving with unsaved edits, and leaving the page sends what is left. What
 * cannot be sent (an invalid value in a field, rows held for a comment, a failed save) would be lost
 * on the way out, so leaving inside the app asks first, naming the rows.
 */
import { beforeNavigate } from '$app/navigation';

export interface Flushable {
  readonly hasUnsaved: boolean;
  /** Why leaving now would lose edits, or undefined when what is pending can still be sent. */
  readonly leaveWarning?: string | undefined;
  flush(): Promise<void>;
}

/** Call from a component's script; `form` is read reactively (a new form replaces the old one). */
export function saveOnLeave(form: () => Flushable | undefined) {
  beforeNavigate((nav) => {
    // Unloading the tab is asked by the browser itself (beforeunload below).
    if (nav.willUnload) return;
    const why = form()?.leaveWarning;
    if (why && !confirm(why)) nav.cancel();
  });
  $effect(() => {
    const f = form();
    if (!f) return;
    const onHide = () => {
      if (document.visibilityState === 'hidden') void f.flush();
    };
    const onLeave = (e: BeforeUnloadEvent) => {
      if (f.hasUnsaved || f.leaveWarning) {
        void f.flush();
        e.preventDefault();
      }
    };
    document.addEventListener('visibilitychange', onHide);
    addEventListener('beforeunload', onLeave);
    return () => {
      document.removeEventListener('visibilitychange', onHide);
      removeEventListener('beforeunload', onLeave);
      void f.flush();
    };
  });
}
