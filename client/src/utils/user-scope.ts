import Taro from '@tarojs/taro';

/**
 * Who uses this phone right now, for per-user settings kept in Taro storage
 * (关怀模式, the resident's own station, the request draft). The user id comes
 * from `whoAmI`; the last one is remembered so settings apply from the first
 * frame of the next launch. Without one, settings fall back to the device.
 */

/** Storage key of the last user id seen. */
export const LAST_USER_STORAGE_KEY = 'sgz.lastUserId';

let userId: string | null | undefined;
const listeners = new Set<() => void>();

function readSafe(key: string): unknown {
  try {
    return Taro.getStorageSync(key);
  } catch {
    return '';
  }
}

/** Writes a value to storage, ignoring a full or unavailable storage (a setting is not worth a crash). */
export function writeSafe(key: string, value: unknown): void {
  try {
    Taro.setStorageSync(key, value);
  } catch {
    /* storage full or unavailable: the setting lasts for this session only */
  }
}

/** Removes a key, ignoring failures. */
export function removeSafe(key: string): void {
  try {
    Taro.removeStorageSync(key);
  } catch {
    /* nothing to do */
  }
}

/** Reads a key (`''` when missing, as Taro answers). */
export const readStorage = (key: string): unknown => readSafe(key);

/** The current user id, or null when not known yet. */
export function currentUserId(): string | null {
  if (userId === undefined) {
    const stored = readSafe(LAST_USER_STORAGE_KEY);
    userId = typeof stored === 'string' && stored ? stored : null;
  }
  return userId;
}

/** Records who is signed in (from whoAmI) and tells the per-user settings. */
export function setCurrentUser(id: string | null): void {
  if (id === currentUserId()) return;
  userId = id;
  if (id) writeSafe(LAST_USER_STORAGE_KEY, id);
  else removeSafe(LAST_USER_STORAGE_KEY);
  listeners.forEach((fn) => fn());
}

/** Calls `fn` whenever the current user changes; returns the unsubscribe. */
export function onUserChange(fn: () => void): () => void {
  listeners.add(fn);
  return () => {
    listeners.delete(fn);
  };
}

/** `<base>.<userId>` for the current user, or `<base>.device` when none is known. */
export const userKey = (base: string): string => `${base}.${currentUserId() ?? 'device'}`;

/** Forgets the in-memory user (tests: storage is cleared between them). */
export function resetUserScopeForTests(): void {
  userId = undefined;
  listeners.clear();
}
