import type { Locale } from '../contract/request.ts';
import type { Role } from '../db/schema/users.ts';

/**
 * The signed-in person every verb checks first, as the session read found them (their locale
 * too: a page needs no second read for its language).
 */
export type SessionUser = { id: string; role: Role; companyId: string | null; sessionHash: string; locale: Locale };

const rank: Record<Role, number> = { member: 1, owner: 2, admin: 3 };

/** member < owner < admin */
export function atLeast(user: { role: Role }, role: Role): boolean {
  return rank[user.role] >= rank[role];
}
