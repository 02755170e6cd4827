import { Button as TaroButton } from '@tarojs/components';
import type { CSSProperties, ReactNode } from 'react';
import './Button.scss';

/** Props of {@link Button}. */
export interface ButtonProps {
  /** `primary`: the page's main action (filled); otherwise outlined. */
  type?: 'primary' | 'default';
  /** Full width of its container. */
  block?: boolean;
  disabled?: boolean;
  /** Work in progress: a ◌ before the words (CSS: children stay one text), taps are ignored. */
  loading?: boolean;
  className?: string;
  style?: CSSProperties;
  onClick?: () => void;
  children: ReactNode;
}

/**
 * Our button: the platform's own `<button>` (so screen readers and keyboards know it),
 * at least the tap minimum tall (44 px, 48 px in 关怀模式), text in the body size.
 * Disabled by class and `aria-disabled`, not the `disabled` attribute: the platforms'
 * own disabled colours (white on grey on H5) would win over ours and be unreadable.
 * A few lines instead of NutUI's Button, whose CSS and icon font weighed ~20 KB in
 * the main package.
 */
export function Button({
  type = 'default',
  block = false,
  disabled = false,
  loading = false,
  className,
  style,
  onClick,
  children,
}: ButtonProps) {
  const classes = [
    'sgz-button',
    type === 'primary' ? 'sgz-button--primary' : '',
    block ? 'sgz-button--block' : '',
    disabled ? 'sgz-button--disabled' : '',
    loading ? 'sgz-button--busy' : '',
    className ?? '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <TaroButton
      className={classes}
      style={style}
      aria-disabled={disabled}
      hoverClass={disabled ? 'none' : 'sgz-button--pressed'}
      onClick={disabled || loading ? undefined : onClick}
    >
      {children}
    </TaroButton>
  );
}
