import { Image, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { keepFile, keptFileUrl } from '../services/outbox';
import { Button } from './Button';
import { FieldError } from './FieldError';
import { SignaturePadCanvas } from './SignaturePadCanvas';
import type { SignatureSurface } from './SignaturePadSurface';
import './SignaturePad.scss';

/** Props of {@link SignaturePad}. */
export interface SignaturePadProps {
  /** The kept signature image (a lasting local path from the outbox's `keepFile`), or null. */
  value: string | null;
  /** Called with the kept path after 确认签名. */
  onChange(path: string | null): void;
  /** The field's name, e.g. 服务对象签名. */
  label: string;
}

/** The instruction over the signing box, for the resident. */
export const SIGN_HINT = '请服务对象在框内签名';
/** Said when 确认签名 is tapped on an empty box. */
export const EMPTY_SIGNATURE = '请先在框内签名';
/** Said when the signature could not be saved on the phone. */
export const SIGNATURE_SAVE_FAILED = '签名没能保存，请再点一次“确认签名”；仍不行请清除后重签';

/**
 * The resident's confirmation as a signature on the screen (服务对象签名): a box
 * signed with a finger (a mouse or pen on H5), 清除 and 确认签名. Confirming an
 * empty box says 请先在框内签名 and changes nothing; otherwise the drawing is
 * exported, kept as a lasting file (outbox `keepFile`) and its path passed to
 * `onChange`. With a signature, shows it and 重新签名 (the old one stays until a
 * new one is confirmed).
 */
export function SignaturePad({ value, onChange, label }: SignaturePadProps) {
  const surface = useRef<SignatureSurface>(null);
  const [resigning, setResigning] = useState(false);
  const [inked, setInked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [url, setUrl] = useState('');

  useEffect(() => {
    if (!value) {
      setUrl('');
      return;
    }
    let live = true;
    keptFileUrl(value)
      .then((u) => {
        if (live) setUrl(u);
      })
      .catch((e: unknown) => console.warn('[signature] cannot show the kept signature', e));
    return () => {
      live = false;
    };
  }, [value]);

  const signing = value === null || resigning;

  const clear = () => {
    surface.current?.clear();
    setInked(false);
    setError('');
  };

  const confirm = async () => {
    if (busy) return;
    if (!inked) {
      setError(EMPTY_SIGNATURE);
      return;
    }
    const pad = surface.current;
    if (!pad) return;
    setBusy(true);
    setError('');
    let temp = '';
    try {
      temp = await pad.toImage();
      const kept = await keepFile(temp);
      setResigning(false);
      setInked(false);
      onChange(kept);
    } catch (e) {
      console.warn('[signature] export or keep failed', e);
      setError(SIGNATURE_SAVE_FAILED);
      void Taro.showToast({ title: '签名没能保存，请重试', icon: 'none' });
    } finally {
      if (temp) pad.discard(temp);
      setBusy(false);
    }
  };

  return (
    <View className="sgz-sign" role="group" aria-label={label}>
      <Text className="sgz-sign__label">{label}</Text>
      {signing ? (
        <View className="sgz-sign__pad">
          <Text className="sgz-sign__hint">{SIGN_HINT}</Text>
          <View className="sgz-sign__box">
            <SignaturePadCanvas
              ref={surface}
              label={`${SIGN_HINT}：用手指在框内写下姓名`}
              onInk={() => {
                setInked(true);
                setError('');
              }}
            />
          </View>
          <FieldError message={error} />
          <View className="sgz-sign__actions">
            <Button className="sgz-sign__action" onClick={clear}>
              清除
            </Button>
            <Button className="sgz-sign__action" type="primary" loading={busy} onClick={() => void confirm()}>
              确认签名
            </Button>
          </View>
          {value !== null ? (
            <Button block onClick={() => setResigning(false)}>
              不重签，保留原签名
            </Button>
          ) : null}
        </View>
      ) : (
        <View className="sgz-sign__done">
          <View className="sgz-sign__image-box">
            {url ? (
              <Image
                className="sgz-sign__image"
                src={url}
                mode="aspectFit"
                ariaLabel={`${label}（已签名）`}
                nativeProps={{ alt: `${label}（已签名）` }}
              />
            ) : null}
          </View>
          <Text className="sgz-sign__status">✓ 已签名</Text>
          <Button
            block
            onClick={() => {
              setResigning(true);
              setInked(false);
              setError('');
            }}
          >
            重新签名
          </Button>
        </View>
      )}
    </View>
  );
}
