import Taro from '@tarojs/taro';

/** The signed paper form can be photographed and uploaded here (weapp: camera + cloud storage). */
export const PHOTO_UPLOAD_AVAILABLE = true;

/**
 * Photographs the signed consent form (`chooseMedia`, camera or album) and uploads it to
 * cloud storage under the file's folder; answers the `cloud://` fileID the consent keeps.
 */
export async function takeConsentPhoto(personId: string, consentId: string): Promise<string> {
  const picked = await Taro.chooseMedia({
    count: 1,
    mediaType: ['image'],
    sourceType: ['camera', 'album'],
    sizeType: ['compressed'],
  });
  const file = picked.tempFiles[0];
  if (!file) throw new Error('没有选择照片');
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(file.tempFilePath)?.[1]?.toLowerCase() ?? 'jpg';
  const res = await Taro.cloud.uploadFile({
    cloudPath: `person-consents/${personId}/${consentId}.${ext}`,
    filePath: file.tempFilePath,
  });
  return res.fileID;
}
