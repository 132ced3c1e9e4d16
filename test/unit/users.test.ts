/**
 * The users directory deployed (functions/lib/users.ts, Cognito's ListUsers through a stand-in client)
 * and the rule by which a stored assignment names the signed-in user (shared/assignments.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ListUsersCommand, UserType } from '@aws-sdk/client-cognito-identity-provider';
import { cognitoDirectory } from '../../functions/lib/users.js';
import { namesUser } from '../../shared/assignments.js';

const user = (sub: string, email: string, unitId: string, name?: string, enabled = true): UserType => ({
  Username: sub,
  Enabled: enabled,
  Attributes: [
    { Name: 'sub', Value: sub },
    { Name: 'email', Value: email },
    { Name: 'custom:unitId', Value: unitId },
    ...(name ? [{ Name: 'name', Value: name }] : []),
  ],
});

/** A user pool of `users`, answered two per page; records every ListUsers input. */
function pool(users: UserType[]) {
  const calls: ListUsersCommand['input'][] = [];
  const client = {
    send: async (cmd: ListUsersCommand) => {
      calls.push(cmd.input);
      const f = cmd.input.Filter;
      const m = f ? /^(\w+) = "(.*)"$/.exec(f) : null;
      const kept = m ? users.filter((u) => u.Attributes?.some((a) => a.Name === m[1] && a.Value === m[2])) : users;
      const from = Number(cmd.input.PaginationToken ?? 0);
      const next = from + 2 < kept.length ? String(from + 2) : undefined;
      return { Users: kept.slice(from, from + 2), ...(next ? { PaginationToken: next } : {}) };
    },
  };
  return { dir: cognitoDirectory('ap-southeast-1_pool', client as never), calls };
}

const USERS = [
  user('s-1', 'tran.thi.b@tn.gov.vn', 'thai-nguyen', 'Trần Thị B'),
  user('s-2', 'an.nv@tn.gov.vn', 'thai-nguyen', 'Nguyễn Văn An'),
  user('s-3', 'khac@tn.gov.vn', 'phu-binh', 'Người huyện khác'),
  user('s-4', 'nghi@tn.gov.vn', 'thai-nguyen', 'Đã nghỉ', false),
  user('s-5', 'Hoa.LT@tn.gov.vn', 'thai-nguyen'),
];

describe('Cognito users directory', () => {
  it("a unit's users: every page read, other units and disabled users left out, sorted by name; no name → the e-mail", async () => {
    const { dir, calls } = pool(USERS);
    const got = await dir.appraisersOf('thai-nguyen', 'province_appraiser');
    expect(got.map((u) => [u.id, u.name, u.sub])).toEqual([
      ['Hoa.LT@tn.gov.vn', 'Hoa.LT@tn.gov.vn', 's-5'],
      ['an.nv@tn.gov.vn', 'Nguyễn Văn An', 's-2'],
      ['tran.thi.b@tn.gov.vn', 'Trần Thị B', 's-1'],
    ]);
    expect(calls.length).toBe(3);
    expect(calls.every((c) => c.UserPoolId === 'ap-southeast-1_pool')).toBe(true);
  });

  it('find: by e-mail (filtered in Cognito, then in lower case), by sub; a quote in the id asks nothing', async () => {
    const { dir, calls } = pool(USERS);
    expect((await dir.find('an.nv@tn.gov.vn'))?.sub).toBe('s-2');
    expect((await dir.find(' AN.NV@tn.gov.vn '))?.sub).toBe('s-2');
    expect((await dir.find('s-3'))?.email).toBe('khac@tn.gov.vn');
    expect(await dir.find('khong-co@tn.gov.vn')).toBeUndefined();
    expect(await dir.find('nghi@tn.gov.vn')).toBeUndefined();
    expect(calls.map((c) => c.Filter)).toEqual([
      'email = "an.nv@tn.gov.vn"',
      'email = "AN.NV@tn.gov.vn"',
      'email = "an.nv@tn.gov.vn"',
      'sub = "s-3"',
      'email = "khong-co@tn.gov.vn"',
      'email = "nghi@tn.gov.vn"',
    ]);
    const n = calls.length;
    expect(await dir.find('x" or email ^= "')).toBeUndefined();
    expect(await dir.find('   ')).toBeUndefined();
    expect(calls.length).toBe(n);
  });
});

describe('an assignment names the signed-in user', () => {
  it("by the token's e-mail in any case, or by the sub stored before e-mails", () => {
    const p = { sub: '5f1c-uuid', email: 'An.NV@tn.gov.vn' };
    expect(namesUser({ id: 'an.nv@tn.gov.vn' }, p)).toBe(true);
    expect(namesUser({ id: '5f1c-uuid' }, p)).toBe(true);
    expect(namesUser({ id: 'khac@tn.gov.vn' }, p)).toBe(false);
    expect(namesUser({ id: 'an.nv@tn.gov.vn' }, { sub: '5f1c-uuid' })).toBe(false);
  });
});
