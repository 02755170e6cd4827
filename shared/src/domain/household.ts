/**
 * Households (户) of the station's files: an address within the station's
 * street or township — the 社区 / 村 chosen from the list the station keeps,
 * and the rest of the address (楼、单元、门牌) — the members with their
 * relationship to the head of the household, and one contact. Pure.
 */

/** Relationship of a member to the head of the household (户主). */
export const HOUSEHOLD_RELATIONSHIPS = [
  '户主',
  '配偶',
  '子女',
  '父母',
  '孙子女/外孙子女',
  '祖父母/外祖父母',
  '兄弟姐妹',
  '儿媳/女婿',
  '其他亲属',
  '其他',
] as const;
/** One of {@link HOUSEHOLD_RELATIONSHIPS}. */
export type HouseholdRelationship = (typeof HOUSEHOLD_RELATIONSHIPS)[number];

/** Most 社区 / 村 a station's list may hold (a township has a few dozen villages). */
export const MAX_COMMUNITIES = 200;
/** Longest name of a 社区 / 村. */
export const MAX_COMMUNITY_CHARS = 30;
/** Longest address detail (楼、单元、门牌). */
export const MAX_ADDRESS_CHARS = 100;

/** The contact of a household: who to call (a member or a relative elsewhere). */
export interface HouseholdContact {
  name: string;
  phone: string;
  /** Relationship to the head of the household, as free as people say it (女儿, 邻居). */
  relationship: string | null;
}

/** A member as stored on the household: the person's file and their relationship to the head. */
export interface HouseholdMember {
  personId: string;
  relationship: HouseholdRelationship;
}

/**
 * Normalises a station's community list as edited by the head: names
 * trimmed, blanks and repeats dropped, order kept. Returns the problem in
 * Chinese instead when the list is too long or a name is.
 */
export function normalizeCommunities(
  names: readonly string[],
): { ok: true; communities: string[] } | { ok: false; message: string } {
  const out: string[] = [];
  const seen = new Set<string>();
  for (const raw of names) {
    const name = raw.trim().replace(/\s+/g, ' ');
    if (!name) continue;
    if (Array.from(name).length > MAX_COMMUNITY_CHARS)
      return {
        ok: false,
        message: `社区/村名称请不要超过 ${MAX_COMMUNITY_CHARS} 个字：${name.slice(0, 10)}…`,
      };
    if (seen.has(name)) continue;
    seen.add(name);
    out.push(name);
  }
  if (out.length > MAX_COMMUNITIES)
    return { ok: false, message: `社区/村最多设置 ${MAX_COMMUNITIES} 个，请合并或删除一些后再保存` };
  return { ok: true, communities: out };
}
