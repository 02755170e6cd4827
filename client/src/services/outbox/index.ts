/**
 * The outbox (待同步): records written on the phone are saved there first and
 * sent when the network allows. Public entry point; see client/README.md
 * ("Outbox") for how a feature plugs in a kind.
 */
import { releaseFile } from './files';
import { uploadAttachment } from './upload';
import { taroNetworkWatch } from './network';
import { createOutbox, type Outbox, type OutboxOptions } from './outbox';
import { createPlatformStorage } from './storage';

export * from './core';
export * from './outbox';
export * from './messages';
export { keepFile, keptFileUrl, releaseFile } from './files';
export { uploadAttachment } from './upload';
export { OutboxStorageError, STORAGE_MESSAGES, WEAPP_ENCRYPTED_LIMITS } from './storage-api';
export type { OutboxStorage, StorageUsage, StorageLimits, UsageLevel } from './storage-api';
export { useOutbox, type OutboxView } from './use-outbox';

/**
 * The app's outbox on this build's storage (encrypted wx storage / IndexedDB),
 * watching the network, uploading attachments to their fixed cloud paths
 * (upload.weapp.ts / upload.h5.ts) and deleting saved photos once their record left.
 * Call `start()` once at launch (app.ts `onLaunch` / `useLaunch`).
 */
export function createAppOutbox(
  options: Omit<OutboxOptions, 'storage' | 'network'> & { namespace?: string },
): Outbox {
  const { namespace, ...rest } = options;
  return createOutbox({
    storage: createPlatformStorage({ namespace }),
    network: taroNetworkWatch,
    releaseFile,
    upload: uploadAttachment,
    ...rest,
  });
}
