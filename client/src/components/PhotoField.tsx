import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { keepFile, keptFileUrl } from '../services/outbox';
import { Button } from './Button';

/**
 * PLACEHOLDER (issue 10, visit form helper): the real PhotoField (compression,
 * time and place drawn on the photo) comes from another branch with this same
 * interface. Photos are taken with the camera and kept as lasting local files
 * (`keepFile`); `value` holds their paths in order.
 */
export function PhotoField({
  value,
  onChange,
  max,
  label,
}: {
  value: string[];
  onChange(paths: string[]): void;
  max: number;
  label: string;
}) {
  const take = async () => {
    try {
      const res = await Taro.chooseMedia({
        count: Math.max(1, max - value.length),
        mediaType: ['image'],
        sourceType: ['camera'],
        sizeType: ['compressed'],
      });
      const kept = await Promise.all(res.tempFiles.map((f) => keepFile(f.tempFilePath)));
      onChange([...value, ...kept].slice(0, max));
    } catch (e) {
      console.warn('photo: not taken', e);
    }
  };
  return (
    <View className="sgz-photos" role="group" aria-label={label}>
      {value.map((p, i) => (
        <View key={p} className="sgz-photos__item">
          <Thumb path={p} alt={`${label}第 ${i + 1} 张`} />
          <Button onClick={() => onChange(value.filter((x) => x !== p))}>删除</Button>
        </View>
      ))}
      {value.length < max ? <Button onClick={() => void take()}>拍照</Button> : null}
      <Text className="sgz-hint">
        {value.length}/{max} 张
      </Text>
    </View>
  );
}

/** One kept photo (its URL is read asynchronously: H5 keeps photos in IndexedDB). */
function Thumb({ path, alt }: { path: string; alt: string }) {
  const [src, setSrc] = useState('');
  useEffect(() => {
    let live = true;
    keptFileUrl(path)
      .then((u) => live && setSrc(u))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [path]);
  return <Image src={src} mode="aspectFill" aria-label={alt} />;
}
