/**
 * H5 has no saved-file store: a picked photo is a `blob:` URL that lasts while
 * the page is open. The H5 build is for development and browser tests, so the
 * path is kept as it is (a photo not uploaded before a reload must be picked again).
 */
export async function keepFile(tempFilePath: string): Promise<string> {
  return tempFilePath;
}

/** Revokes a blob URL once its record left the browser. */
export async function releaseFile(path: string): Promise<void> {
  if (path.startsWith('blob:') && typeof URL.revokeObjectURL === 'function') URL.revokeObjectURL(path);
}
