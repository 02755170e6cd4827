import { Textarea, View } from '@tarojs/components';
import { useState } from 'react';
import { ConfirmDialog } from '../ConfirmDialog';
import { FieldError } from '../FieldError';

/**
 * A dialog that asks for a reason before a refusal (有异议 / 退回): the reason is
 * required (an empty one says so beside the field and nothing is sent).
 */
export function ReasonDialog({
  open,
  title,
  lines,
  label,
  confirmText,
  busy,
  error,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  lines?: string[];
  /** What the reason is called, e.g. 异议原因. */
  label: string;
  confirmText: string;
  busy: boolean;
  /** The server's answer about the reason, shown beside it. */
  error?: string | null;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}) {
  const [reason, setReason] = useState('');
  const [missing, setMissing] = useState(false);
  const close = () => {
    setReason('');
    setMissing(false);
    onCancel();
  };
  return (
    <ConfirmDialog
      open={open}
      title={title}
      lines={lines}
      confirmText={confirmText}
      cancelText="先不处理"
      tone="danger"
      busy={busy}
      onCancel={close}
      onConfirm={() => {
        const t = reason.trim();
        if (!t) return setMissing(true);
        onConfirm(t);
      }}
    >
      <View>
        <Textarea
          className="sgz-textarea"
          value={reason}
          maxlength={200}
          placeholder={`请填写${label}（必填）`}
          aria-label={label}
          nativeProps={{ 'aria-label': label }}
          onInput={(e) => {
            setReason(e.detail.value);
            setMissing(false);
          }}
        />
        <FieldError message={missing ? `请填写${label}` : (error ?? undefined)} />
      </View>
    </ConfirmDialog>
  );
}
