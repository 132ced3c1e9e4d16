/**
 * Never lose typing: while a form page is open, what is pending is sent when the tab is hidden, the
 * browser warns before leaving with unsaved edits, and leaving the page sends what is left.
 */
export interface Flushable {
  readonly hasUnsaved: boolean;
  flush(): Promise<void>;
}

/** Call from a component's script; `form` is read reactively (a new form replaces the old one). */
export function saveOnLeave(form: () => Flushable | undefined) {
  $effect(() => {
    const f = form();
    if (!f) return;
    const onHide = () => {
      if (document.visibilityState === 'hidden') void f.flush();
    };
    const onLeave = (e: BeforeUnloadEvent) => {
      if (f.hasUnsaved) {
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
