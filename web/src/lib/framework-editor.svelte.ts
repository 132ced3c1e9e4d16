/**
 * The framework editor's state: the draft as the GET answered it, edited in memory (framework-tree.ts)
 * and saved with one PUT {version, definition}; undo of the last change; save, activate and retire with
 * the server's refusals said in Vietnamese (409 CONFLICT: someone else saved; 409 LIFECYCLE on activate:
 * every problem, each naming its row).
 */
import { tick } from 'svelte';
import { ApiError, call } from './api';
import { getToken } from './session';
import { definitionOfResponse } from '$shared/frameworks/convert';
import type { FrameworkDefinitionWire, FrameworkResponse, WireNode } from '$shared/frameworks/wire';
import type { NodeKind } from '$shared/frameworks/model';
import {
  addChild,
  addSibling,
  addTopRow,
  indent,
  move,
  outdent,
  placeId,
  record,
  remove,
  undo as undoOnce,
  updateRow,
  type Change,
  type History,
  type RowPlace,
  type TreeKey,
} from './framework-tree';

export const STATUS_LABEL: Record<FrameworkResponse['status'], string> = {
  draft: 'Bản nháp',
  active: 'Đang sử dụng',
  retired: 'Đã ngừng',
};
export const CHANGE_LABEL: Record<NonNullable<FrameworkResponse['history']>[number]['action'], string> = {
  'framework.copy': 'Tạo bằng sao chép',
  'framework.import': 'Nhập từ Excel',
  'framework.edit': 'Sửa bản nháp',
  'framework.activate': 'Đưa vào sử dụng',
  'framework.retire': 'Ngừng sử dụng',
};
export const KIND_LABEL: Record<NodeKind, string> = {
  group: 'Nhóm',
  score: 'Chấm điểm',
  choice: 'Chọn phương án',
  'yes-no': 'Đạt/không đạt',
  survey: 'Điều tra XHH',
};
/** The kinds a row without rows may be scored as. */
export const LEAF_KINDS = ['score', 'choice', 'yes-no', 'survey'] as const satisfies readonly NodeKind[];

export interface Problem {
  code?: string;
  message: string;
}

export type EditorNotice =
  | { kind: 'ok'; message: string }
  | { kind: 'error'; message: string; problems?: Problem[] }
  | { kind: 'conflict'; message: string };

/** The id of a row's title field: where the focus goes after an operation, or from a problem. */
export const titleFieldId = (p: RowPlace) => `r-${placeId(p)}-title`;

/** The id of a tree's "add a row at the top level" button. */
export const addButtonId = (tree: TreeKey) => `add-${tree.replace(':', '')}`;

export class FrameworkEditor {
  head = $state<Pick<FrameworkResponse, 'id' | 'status' | 'version'>>({ id: '', status: 'draft', version: 0 });
  /** Who changed it, when, to which version (the server's audit trail), newest last. */
  history = $state.raw<NonNullable<FrameworkResponse['history']>>([]);
  def = $state.raw<FrameworkDefinitionWire>(undefined as unknown as FrameworkDefinitionWire);
  saved = $state.raw('');
  undoHistory = $state.raw<History<FrameworkDefinitionWire>>({ past: [] });
  busy = $state(false);
  notice = $state<EditorNotice | undefined>();

  readonly dirty = $derived(JSON.stringify(this.def) !== this.saved);
  readonly canUndo = $derived(this.undoHistory.past.length > 0);
  readonly editable = $derived(this.head.status === 'draft');

  constructor(r: FrameworkResponse) {
    this.load(r);
  }

  load(r: FrameworkResponse) {
    this.head = { id: r.id, status: r.status, version: r.version };
    this.def = definitionOfResponse(r);
    this.saved = JSON.stringify(this.def);
    this.undoHistory = { past: [] };
    // A write's answer has no history: the one read last stays until refreshHistory reads it again.
    if (r.history) this.history = r.history;
  }

  /** The history after a write (its answer does not carry it); a failure leaves the older one shown. */
  private async refreshHistory() {
    try {
      const r = await call('getFramework', { frameworkId: this.head.id });
      if (r.version === this.head.version) this.history = r.history ?? [];
    } catch {
      /* the history is for reading; the write itself succeeded */
    }
  }

  /** Any change of the definition: remembered for undo (`key`: keystrokes of one field join). */
  set(next: FrameworkDefinitionWire, key?: string) {
    if (!this.editable) return;
    this.undoHistory = record(this.undoHistory, this.def, key);
    this.def = next;
  }

  private async apply(c: Change, focus = true) {
    this.set(c.def);
    if (focus) await this.focusRow(c.focus);
  }

  async focusRow(p: RowPlace, field: 'title' | 'code' = 'title') {
    await tick();
    // No row left there (the tree's last row was deleted): its "add a row" button.
    const el =
      document.getElementById(field === 'title' ? titleFieldId(p) : `r-${placeId(p)}-code`) ??
      document.getElementById(addButtonId(p.tree));
    el?.scrollIntoView({ block: 'center' });
    el?.focus();
  }

  /**
   * Focus the button that did a move, at the row's new place (keyboard users keep their place); at an
   * end, where that button is now disabled, the opposite one (Lên ↔ Xuống, Thụt vào ↔ Lùi ra).
   */
  async focusButton(p: RowPlace, action: string) {
    await tick();
    const opposite: Record<string, string> = { up: 'down', down: 'up', indent: 'outdent', outdent: 'indent' };
    for (const a of [action, opposite[action]]) {
      const el = document.getElementById(`r-${placeId(p)}-${a}`) as HTMLButtonElement | null;
      if (el && !el.disabled) {
        el.focus();
        return;
      }
    }
    document.getElementById(titleFieldId(p))?.focus();
  }

  addTop = (tree: TreeKey) => this.apply(addTopRow(this.def, tree));
  addChild = (p: RowPlace) => this.apply(addChild(this.def, p));
  addSibling = (p: RowPlace) => this.apply(addSibling(this.def, p));
  remove = (p: RowPlace) => this.apply(remove(this.def, p));

  async move(p: RowPlace, action: 'up' | 'down' | 'indent' | 'outdent') {
    const c =
      action === 'up'
        ? move(this.def, p, -1)
        : action === 'down'
          ? move(this.def, p, 1)
          : action === 'indent'
            ? indent(this.def, p)
            : outdent(this.def, p);
    this.set(c.def);
    await this.focusButton(c.focus, action);
  }

  update(p: RowPlace, patch: Partial<Omit<WireNode, 'children'>>, field?: string) {
    this.set(updateRow(this.def, p, patch).def, field ? `${placeId(p)}:${field}` : undefined);
  }

  /** A metadata field (title, decision, years…); keystrokes of one field join into one undo step. */
  patch(patch: Partial<FrameworkDefinitionWire>, field?: string) {
    this.set({ ...this.def, ...patch }, field ? `meta:${field}` : undefined);
  }

  addGroup(tree: 'bonus' | 'penalty') {
    if (this.def[tree]) return;
    void this.apply(addTopRow(this.def, tree));
  }
  /** Drops the group with its rows (undo brings it back); the focus goes to the button that adds it again. */
  async removeGroup(tree: 'bonus' | 'penalty') {
    const { [tree]: _gone, ...rest } = this.def;
    this.set(rest);
    await tick();
    document.getElementById(`addgroup-${tree}`)?.focus();
  }

  undo() {
    const u = undoOnce(this.undoHistory);
    if (!u) return;
    this.def = u.value;
    this.undoHistory = u.history;
  }

  private fail(e: unknown, what: string) {
    if (!(e instanceof ApiError)) throw e;
    if (e.status === 409 && e.code === 'CONFLICT')
      this.notice = {
        kind: 'conflict',
        message: `Bộ tiêu chí vừa được người khác thay đổi, nên chưa ${what} được. Tải lại để thấy bản mới nhất (các thay đổi chưa lưu ở đây sẽ mất).`,
      };
    else {
      const problems = Array.isArray(e.details)
        ? (e.details as { code?: unknown; message?: unknown; path?: unknown }[])
            .filter((d) => typeof d.message === 'string')
            .map((d) => ({ ...(typeof d.code === 'string' ? { code: d.code } : {}), message: String(d.message) }))
        : [];
      this.notice = { kind: 'error', message: e.message, ...(problems.length ? { problems } : {}) };
    }
  }

  async save(): Promise<boolean> {
    if (!this.dirty) return true;
    this.busy = true;
    this.notice = undefined;
    try {
      const r = await call('putFramework', { frameworkId: this.head.id }, { version: this.head.version, definition: this.def });
      this.head = { id: r.id, status: r.status, version: r.version };
      this.saved = JSON.stringify(definitionOfResponse(r));
      this.def = definitionOfResponse(r);
      this.notice = { kind: 'ok', message: 'Đã lưu bản nháp.' };
      void this.refreshHistory();
      return true;
    } catch (e) {
      this.fail(e, 'lưu');
      return false;
    } finally {
      this.busy = false;
    }
  }

  async reload() {
    this.busy = true;
    try {
      this.load(await call('getFramework', { frameworkId: this.head.id }));
      this.notice = { kind: 'ok', message: 'Đã tải lại bản mới nhất.' };
    } catch (e) {
      this.fail(e, 'tải lại');
    } finally {
      this.busy = false;
    }
  }

  /** Saves what is unsaved, then activates; an inconsistent framework: every problem, row by row. */
  async activate() {
    if (!(await this.save())) return;
    await this.step(
      'activateFramework',
      'Đã đưa bộ tiêu chí vào sử dụng. Từ nay không sửa được nữa; có thể dùng để mở kỳ đánh giá.',
    );
  }

  retire = () => this.step('retireFramework', 'Đã ngừng sử dụng bộ tiêu chí. Các kỳ đánh giá đang dùng vẫn tiếp tục.');

  private async step(endpoint: 'activateFramework' | 'retireFramework', done: string) {
    this.busy = true;
    this.notice = undefined;
    try {
      this.load(await call(endpoint, { frameworkId: this.head.id }, { version: this.head.version }));
      this.notice = { kind: 'ok', message: done };
      void this.refreshHistory();
    } catch (e) {
      this.fail(e, endpoint === 'activateFramework' ? 'đưa vào sử dụng' : 'ngừng sử dụng');
    } finally {
      this.busy = false;
    }
  }
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A problem of an imported file: its sheet and row, said by the server (API.md, POST /api/frameworks/import). */
export interface ImportProblem {
  sheet?: string;
  row?: number;
  message: string;
}

/**
 * POST /api/frameworks/import with the file's bytes (api() sends JSON only). A refusal is an ApiError
 * whose `details` are the file's problems, each naming its sheet and row.
 */
export async function importFrameworkFile(file: File): Promise<FrameworkResponse> {
  const token = getToken();
  let res: Response;
  try {
    res = await fetch(`/api/frameworks/import?fileName=${encodeURIComponent(file.name)}`, {
      method: 'POST',
      headers: { 'content-type': XLSX_TYPE, accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: await file.arrayBuffer(),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'Không kết nối được máy chủ. Vui lòng kiểm tra mạng rồi thử lại.');
  }
  const body = (await res.json().catch(() => undefined)) as
    (FrameworkResponse & { error?: { code?: string; message?: string; details?: unknown } }) | undefined;
  if (!res.ok)
    throw new ApiError(
      res.status,
      body?.error?.code ?? 'HTTP_' + res.status,
      body?.error?.message ?? `Máy chủ không nhận tệp (${res.status}).`,
      body?.error?.details,
    );
  return body as FrameworkResponse;
}

/** The problems of a refused import, as the list shows them. */
export function importProblems(details: unknown): ImportProblem[] {
  if (!Array.isArray(details)) return [];
  return (details as Record<string, unknown>[])
    .filter((d) => typeof d.message === 'string')
    .map((d) => ({
      ...(typeof d.sheet === 'string' && d.sheet ? { sheet: d.sheet } : {}),
      ...(typeof d.row === 'number' ? { row: d.row } : {}),
      message: String(d.message),
    }));
}
