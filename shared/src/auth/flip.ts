import { ROLES, SCOPES, type Role, type Scope } from './roles';
import type { PermissionTable } from './permissions';

/**
 * Mutations of the permission table, used to prove the generated permission
 * test bites (scripts/flip-permissions.ts). Test tooling only.
 */

/** One flipped cell: `to` null removes the cell (deny); a scope adds or changes it. */
export interface Flip {
  key: string;
  role: Role;
  from: Scope | null;
  to: Scope | null;
}

/** `key|role|to` (to = scope or `deny`): the wire form of a flip (env var SGZ_PERMISSION_FLIP). */
export const formatFlip = (f: Pick<Flip, 'key' | 'role' | 'to'>): string =>
  `${f.key}|${f.role}|${f.to ?? 'deny'}`;

/** Parses {@link formatFlip}'s output; null when malformed. */
export function parseFlip(text: string): Pick<Flip, 'key' | 'role' | 'to'> | null {
  const [key, role, to, ...rest] = text.split('|');
  if (!key || !role || !to || rest.length) return null;
  if (!(ROLES as readonly string[]).includes(role)) return null;
  if (to !== 'deny' && !(SCOPES as readonly string[]).includes(to)) return null;
  return { key, role: role as Role, to: to === 'deny' ? null : (to as Scope) };
}

/** A copy of `table` with one cell flipped. */
export function applyFlip(table: PermissionTable, flip: Pick<Flip, 'key' | 'role' | 'to'>): PermissionTable {
  const row: Partial<Record<Role, Scope>> = { ...(table[flip.key] ?? {}) };
  if (flip.to === null) delete row[flip.role];
  else row[flip.role] = flip.to;
  return { ...table, [flip.key]: row };
}

/**
 * Every single-cell flip of the rows whose key starts with one of `prefixes`:
 * an allowed cell is denied, and (unless already `all`/`public`) widened to
 * `all`; a denied cell is granted `all`.
 */
export function allFlips(table: PermissionTable, prefixes: string[]): Flip[] {
  const flips: Flip[] = [];
  for (const key of Object.keys(table).sort()) {
    if (!prefixes.some((p) => key.startsWith(p))) continue;
    for (const role of ROLES) {
      const from = table[key]?.[role] ?? null;
      if (from === null) {
        flips.push({ key, role, from, to: 'all' });
      } else {
        flips.push({ key, role, from, to: null });
        if (from !== 'all' && from !== 'public') flips.push({ key, role, from, to: 'all' });
      }
    }
  }
  return flips;
}
