import type { Role } from '../db/schema/users.ts';

/** The signed-in person every verb checks first. */
export type SessionUser = { id: string; role: Role; companyId: string | null; sessionHash: string };

const rank: Record<Role, number> = { member: 1, owner: 2, admin: 3 };

/** member < owner < admin */
export function atLeast(user: { role: Role }, role: Role): boolean {
  return rank[user.role] >= rank[role];
}
