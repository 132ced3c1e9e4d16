/**
 * The autosave queue both forms share (self-assessment and appraisal): row patches are merged per row,
 * sent after a short pause, one request in flight, later edits queued and never dropped; a 409 CONFLICT
 * hands each refused row back to the form (someone else changed it), the rest is sent again; LIFECYCLE
 * and FORBIDDEN are shown and stop; network and server errors retry shortly. The queue owns the
 * assessment's `version` the next write is based on.
 */
import { ApiError } from './api';

export const AUTOSAVE_DELAY_MS = 700;
const RETRY_MS = 4000;

export type SaveState =
  | { kind: 'idle' }
  | { kind: 'pending' }
  | { kind: 'saving' }
  | { kind: 'saved'; at: Date }
  /** Edits kept in the browser until the user completes them (e.g. a comment the server requires). */
  | { kind: 'held'; message: string }
  | { kind: 'error'; message: string; retrying: boolean };

export interface SaveStatusSource {
  readonly save: SaveState;
  readonly editable: boolean;
  /** Codes of rows holding a value that cannot be saved: the status says so instead of "Đã lưu". */
  readonly invalid?: readonly string[];
  flush(): Promise<void>;
}

export interface Conflict {
  code: string;
  current: Record<string, unknown>;
}

export interface AutosaveOptions<P extends object> {
  version: number;
  /** Sends one batch based on `version`; resolves with the version the server answered. */
  send: (version: number, items: Record<string, P>) => Promise<number>;
  /** Whether anything may be sent now (the form is editable). */
  canSend: () => boolean;
  /** A row someone else changed: `mine` is what we had not saved yet (already taken out of the queue). */
  onConflict: (c: Conflict, mine: P) => void;
  /** The server refused the step itself (LIFECYCLE, FORBIDDEN): the form shows why and reloads. */
  onRefused: (err: ApiError) => Promise<void>;
  /** A row whose patch may not be sent yet stays queued (default: every row may be sent). */
  ready?: (code: string) => boolean;
  /** Why held rows are not saved yet. */
  heldMessage?: (codes: string[]) => string;
}

export class AutosaveQueue<P extends object> implements SaveStatusSource {
  save = $state<SaveState>({ kind: 'idle' });
  version: number;
  private dirty = new Map<string, P>();
  private chain: Promise<void> = Promise.resolve();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly opts: AutosaveOptions<P>) {
    this.version = opts.version;
  }

  get editable(): boolean {
    return this.opts.canSend();
  }

  /** Merges a row's change into what is pending and (re)starts the pause before sending. */
  queue(code: string, patch: P) {
    this.dirty.set(code, { ...this.dirty.get(code), ...patch });
    if (this.save.kind !== 'saving') this.save = { kind: 'pending' };
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.flush(), AUTOSAVE_DELAY_MS);
  }

  pending(code: string): P | undefined {
    return this.dirty.get(code);
  }

  has(code: string): boolean {
    return this.dirty.has(code);
  }

  /** Forgets one field of a row's pending patch (e.g. the score of a row just marked not applicable). */
  forget(code: string, key: keyof P) {
    const p = this.dirty.get(code);
    if (p) delete p[key];
  }

  get hasUnsaved(): boolean {
    return this.dirty.size > 0 || this.save.kind === 'saving';
  }

  /** Sends what is pending now; requests run one after another, so edits typed meanwhile go in the next one. */
  flush(): Promise<void> {
    clearTimeout(this.timer);
    this.chain = this.chain.then(() => this.sendOnce());
    return this.chain;
  }

  /** Resolves true when nothing is pending or in flight (false if the last attempt failed or rows are held). */
  async settle(): Promise<boolean> {
    for (let i = 0; i < 5 && this.sendable().length > 0; i++) {
      await this.flush();
      if (this.save.kind === 'error') return false;
    }
    await this.chain;
    return this.dirty.size === 0 && this.save.kind !== 'error';
  }

  /** Called after the form saw the server's newer version (a reload or a step). */
  seen(version: number) {
    this.version = Math.max(this.version, version);
  }

  private sendable(): string[] {
    const ready = this.opts.ready;
    return [...this.dirty.keys()].filter((c) => !ready || ready(c));
  }

  private afterSend() {
    const held = [...this.dirty.keys()].filter((c) => !this.sendable().includes(c));
    if (this.dirty.size > held.length) this.save = { kind: 'pending' };
    else if (held.length > 0) this.save = { kind: 'held', message: this.opts.heldMessage?.(held) ?? 'Còn thay đổi chưa lưu.' };
    else this.save = { kind: 'saved', at: new Date() };
  }

  private async sendOnce(): Promise<void> {
    if (!this.opts.canSend()) return;
    const codes = this.sendable();
    if (codes.length === 0) {
      if (this.dirty.size > 0) this.afterSend();
      return;
    }
    clearTimeout(this.retryTimer);
    const batch = new Map(codes.map((c) => [c, this.dirty.get(c)!]));
    for (const c of codes) this.dirty.delete(c);
    this.save = { kind: 'saving' };
    try {
      const v = await this.opts.send(this.version, Object.fromEntries(batch));
      this.seen(v);
      this.afterSend();
    } catch (e) {
      // Put the batch back under anything typed since: newer values win.
      for (const [code, patch] of batch) this.dirty.set(code, { ...patch, ...this.dirty.get(code) });
      await this.onError(e);
    }
  }

  private async onError(e: unknown) {
    const err = e instanceof ApiError ? e : new ApiError(0, 'NETWORK', (e as Error).message);
    if (err.code === 'CONFLICT') {
      const d = (err.details ?? {}) as { version?: number; conflicts?: Conflict[] };
      if (typeof d.version === 'number') this.version = d.version;
      for (const c of d.conflicts ?? []) {
        const mine = this.dirty.get(c.code) ?? ({} as P);
        this.dirty.delete(c.code);
        this.opts.onConflict(c, mine);
      }
      if (this.sendable().length > 0) {
        this.save = { kind: 'pending' };
        void this.flush();
      } else {
        this.save = {
          kind: 'error',
          message: 'Một số dòng vừa được người khác thay đổi; hãy xem giá trị mới ở các dòng được đánh dấu.',
          retrying: false,
        };
      }
      return;
    }
    if (err.code === 'LIFECYCLE' || err.code === 'FORBIDDEN') {
      this.save = { kind: 'error', message: err.message, retrying: false };
      await this.opts.onRefused(err);
      return;
    }
    // Network trouble or a server error: keep the edits and try again shortly.
    const transient = err.status === 0 || err.status >= 500;
    this.save = { kind: 'error', message: err.message, retrying: transient };
    if (transient) this.retryTimer = setTimeout(() => void this.flush(), RETRY_MS);
  }

  /** Clears a conflict error once no row shows a conflict any more. */
  conflictsResolved() {
    if (this.save.kind === 'error' && !this.save.retrying) this.save = { kind: 'idle' };
  }
}
