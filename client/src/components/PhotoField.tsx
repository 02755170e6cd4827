import { stampLines } from '@sgz/shared/photo-stamp';
import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { keepFile, keptFileUrl } from '../services/outbox';
import { compressPhoto, discardTemp, stampPhoto } from '../services/photo-stamp';
import { Button } from './Button';
import { FieldError } from './FieldError';
import './PhotoField.scss';

/** Props of {@link PhotoField}. */
export interface PhotoFieldProps {
  /** The photos kept so far: lasting local paths from the outbox's `keepFile`, in order. */
  value: string[];
  /** Called with the new list after photos were added or one was deleted. */
  onChange(paths: string[]): void;
  /** Most photos allowed (e.g. VISIT_LIMITS.photos = 9). */
  max: number;
  /** The field's name, e.g. 现场照片: shown, and part of the take-photo button's text. */
  label: string;
  /** Where the photos are taken (e.g. `39.0251,117.7152 ±15m` or the address), drawn on them; none: time only. */
  place?: string | null;
}

/** Shown when the camera or album could not be opened. */
export const PICK_FAILED = '无法打开相机或相册，请在设置中允许使用相机后重试';
/** Shown when some picked photos could not be saved on the phone. */
export const keepFailed = (n: number): string => `有 ${n} 张照片没能保存，请重新拍摄`;

const isCancel = (e: unknown): boolean => {
  const msg = typeof e === 'object' && e !== null && 'errMsg' in e ? String(e.errMsg) : String(e);
  return /cancel|abort/i.test(msg);
};

/**
 * One picked photo → a kept path: compressed (weapp, over 300 KB), stamped with
 * `lines`, then kept (`keepFile`). If stamping fails the UNSTAMPED photo is kept
 * and a warning logged: the visit must still save. Rejects only when keeping fails.
 */
async function preparePhoto(tempPath: string, size: number, lines: string[]): Promise<string> {
  const compressed = await compressPhoto(tempPath, size);
  let stamped = compressed;
  try {
    stamped = await stampPhoto(compressed, lines);
  } catch (e) {
    console.warn('[photo] stamping failed, keeping the photo without time and place', e);
  }
  try {
    return await keepFile(stamped);
  } finally {
    if (stamped !== compressed) discardTemp(stamped);
  }
}

/**
 * Photos of a record (visit evidence, 走访照片): thumbnails (tap for the full
 * photo, 删除 under each), a button to take or pick more up to `max`, the count
 * “已拍 N/max 张”. Each new photo is compressed, stamped with the Beijing time and
 * `place` (水印, see services/photo-stamp.*) and kept as a file that outlives the
 * run (outbox `keepFile`) before `onChange` gets its path. A cancelled picker does
 * nothing; failures are said in Chinese (toast and under the field).
 */
export function PhotoField({ value, onChange, max, label, place }: PhotoFieldProps) {
  const [urls, setUrls] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  // The latest list: photos are processed asynchronously, the parent may re-render meanwhile.
  const latest = useRef(value);
  latest.current = value;
  const mounted = useRef(true);
  useEffect(
    () => () => {
      mounted.current = false;
    },
    [],
  );

  // Displayable URLs of kept files (on H5 they live in IndexedDB; on weapp the path is the URL).
  useEffect(() => {
    const missing = value.filter((p) => !(p in urls));
    if (missing.length === 0) return;
    let live = true;
    void Promise.all(missing.map(async (p) => [p, await keptFileUrl(p).catch(() => '')] as const)).then(
      (pairs) => {
        if (live) setUrls((old) => ({ ...old, ...Object.fromEntries(pairs) }));
      },
    );
    return () => {
      live = false;
    };
  }, [value, urls]);

  const remaining = Math.max(0, max - value.length);

  const add = async () => {
    if (busy || remaining <= 0) return;
    setError('');
    let files: { tempFilePath: string; size: number }[];
    try {
      const res = await Taro.chooseMedia({
        count: remaining,
        mediaType: ['image'],
        sourceType: ['camera', 'album'],
        sizeType: ['compressed'],
      });
      files = res.tempFiles.slice(0, remaining);
    } catch (e) {
      if (isCancel(e)) return;
      console.warn('[photo] chooseMedia failed', e);
      setError(PICK_FAILED);
      void Taro.showToast({ title: PICK_FAILED, icon: 'none' });
      return;
    }
    if (files.length === 0) return;
    setBusy(true);
    const lines = stampLines(Date.now(), place);
    const kept: string[] = [];
    let failed = 0;
    for (const f of files) {
      try {
        kept.push(await preparePhoto(f.tempFilePath, f.size, lines));
      } catch (e) {
        console.warn('[photo] keepFile failed', e);
        failed += 1;
      }
    }
    if (mounted.current) setBusy(false);
    if (kept.length > 0) onChange([...latest.current, ...kept].slice(0, max));
    if (failed > 0) {
      const message = keepFailed(failed);
      if (mounted.current) setError(message);
      void Taro.showToast({ title: message, icon: 'none' });
    }
  };

  const remove = async (index: number) => {
    const res = await Taro.showModal({
      title: `删除第 ${index + 1} 张照片？`,
      content: '删除后不能恢复，需要时请重新拍摄。',
      confirmText: '删除',
      cancelText: '保留',
    }).catch(() => ({ confirm: false }));
    if (!res.confirm) return;
    onChange(latest.current.filter((_, i) => i !== index));
  };

  const preview = (index: number) => {
    const all = value.map((p) => urls[p] ?? '').filter(Boolean);
    const current = urls[value[index] ?? ''];
    if (!current) return;
    Taro.previewImage({ urls: all, current }).catch((e: unknown) =>
      console.warn('[photo] preview failed', e),
    );
  };

  return (
    <View className="sgz-photos" role="group" aria-label={label}>
      <View className="sgz-photos__head">
        <Text className="sgz-photos__label">{label}</Text>
        <Text className="sgz-photos__count">{`已拍 ${value.length}/${max} 张`}</Text>
      </View>
      <Text className="sgz-photos__hint">
        照片上会自动印上拍摄时间和地点；没有网络也能拍，连网后自动上传。
      </Text>
      {value.length > 0 ? (
        <View className="sgz-photos__grid">
          {value.map((path, i) => {
            const alt = `第 ${i + 1} 张照片`;
            return (
              <View key={path} className="sgz-photos__item">
                <View
                  className="sgz-photos__thumb"
                  role="button"
                  aria-label={`${alt}，点按查看大图`}
                  onClick={() => preview(i)}
                >
                  {urls[path] ? (
                    <Image
                      className="sgz-photos__img"
                      src={urls[path] ?? ''}
                      mode="aspectFill"
                      ariaLabel={alt}
                      nativeProps={{ alt }}
                    />
                  ) : (
                    <Text className="sgz-photos__placeholder">照片</Text>
                  )}
                </View>
                <Button className="sgz-photos__delete" onClick={() => void remove(i)}>
                  {`删除第 ${i + 1} 张`}
                </Button>
              </View>
            );
          })}
        </View>
      ) : null}
      {remaining > 0 ? (
        <Button type="primary" block loading={busy} onClick={() => void add()}>
          {busy ? '正在处理照片…' : `拍照添加${label}`}
        </Button>
      ) : (
        <Text className="sgz-photos__full">{`已达 ${max} 张上限，删除一张后可再拍。`}</Text>
      )}
      <FieldError message={error} />
    </View>
  );
}
