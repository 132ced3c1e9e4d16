/**
 * How the header names who is signed in: the name, then the role, said once. A token without a name
 * (or whose name already starts with the role, as the local sign-in's "Công chức cấp xã — Xã Phúc Xuân"
 * does) shows the role only where it is not already written.
 */
import { roleLabel, type Role } from '$shared/permissions';

export function whoLabel(user: { name: string; role: Role }): { name: string; role?: string } {
  const role = roleLabel[user.role];
  const name = user.name.trim();
  if (!name || name === role) return { name: role };
  if (name.toLocaleLowerCase('vi').includes(role.toLocaleLowerCase('vi'))) return { name };
  return { name, role };
}
