import { Button as TaroButton, Text, View } from '@tarojs/components';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useCareMode } from '../hooks/use-care-mode';
import './ConfirmDialog.scss';

/** Props of {@link ConfirmDialog}. */
export interface ConfirmDialogProps {
  /** Shown only while true (nothing is rendered otherwise). */
  open: boolean;
  /** The question, in plain words: it also names the dialog for screen readers. */
  title: string;
  /** Lines under the title (each its own paragraph); a warning can go in `warning`. */
  lines?: readonly string[];
  /** A line that needs attention (⚠, bold, in a bordered box), e.g. "还没到预约时间". */
  warning?: string;
  /** Anything else to show or fill in before confirming (e.g. a short note). */
  children?: ReactNode;
  /** The verb of the action, e.g. 取消求助 / 完成服务 (never 确定). */
  confirmText: string;
  /** The verb of staying, e.g. 先不取消 / 继续编辑 (never a double negative). */
  cancelText: string;
  /** `danger`: the action takes something away (cancel, discard): a dark red fill. */
  tone?: 'primary' | 'danger';
  /** The action is on its way: both buttons wait, the confirm one says so. */
  busy?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A themed confirmation dialog instead of the platform's modal (whose 15 px grey text and
 * light-green button ignore 关怀模式): `role="dialog"` with `aria-modal`, named by its title,
 * two large buttons (the tap minimum, 48 px in 关怀模式) with verbs that say what happens,
 * text in the body size (≥ 20 px in 关怀模式) and colours of ≥ 4.5 : 1. It carries the
 * sizes of 关怀模式 itself (`sgz-dialog--care`), so it follows it wherever it is rendered. The buttons are
 * real buttons that take keyboard focus; the confirm one is focused when the dialog opens.
 */
export function ConfirmDialog({
  open,
  title,
  lines = [],
  warning,
  children,
  confirmText,
  cancelText,
  tone = 'primary',
  busy = false,
  onConfirm,
  onCancel,
}: ConfirmDialogProps) {
  const careMode = useCareMode();
  const titleId = `sgz-dialog-${useId().replace(/[^A-Za-z0-9_-]/g, '')}`;
  const panel = useRef<HTMLElement | null>(null);

  // Keyboard and screen-reader users land in the dialog (H5); weapp has no focus to move.
  useEffect(() => {
    if (!open) return;
    const el = panel.current;
    if (el && typeof el.querySelector === 'function') {
      const first = el.querySelector<HTMLElement>('.sgz-dialog__confirm');
      first?.focus?.();
    }
  }, [open]);

  if (!open) return null;
  const classes = careMode ? 'sgz-dialog sgz-dialog--care' : 'sgz-dialog';
  return (
    <View className={classes} catchMove>
      <View className="sgz-dialog__backdrop" aria-hidden onClick={busy ? undefined : onCancel} />
      <View
        ref={panel}
        className="sgz-dialog__panel"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        ariaLabel={title}
      >
        <Text id={titleId} className="sgz-dialog__title">
          {title}
        </Text>
        {lines.map((line) => (
          <Text key={line} className="sgz-dialog__line">
            {line}
          </Text>
        ))}
        {warning ? (
          <View className="sgz-dialog__warning" role="alert">
            <Text>⚠ {warning}</Text>
          </View>
        ) : null}
        {children}
        <View className="sgz-dialog__buttons">
          <TaroButton
            className={`sgz-dialog__button sgz-dialog__confirm sgz-dialog__confirm--${tone}${busy ? ' sgz-dialog__button--busy' : ''}`}
            aria-disabled={busy}
            hoverClass="sgz-dialog__button--pressed"
            onClick={busy ? undefined : onConfirm}
          >
            {busy ? `正在${confirmText}…` : confirmText}
          </TaroButton>
          <TaroButton
            className="sgz-dialog__button sgz-dialog__cancel"
            aria-disabled={busy}
            hoverClass="sgz-dialog__button--pressed"
            onClick={busy ? undefined : onCancel}
          >
            {cancelText}
          </TaroButton>
        </View>
      </View>
    </View>
  );
}
