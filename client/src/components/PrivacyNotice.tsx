import { PRIVACY_NOTICE_TEXT } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { Button } from './Button';
import './PrivacyNotice.scss';

/**
 * The privacy notice (shared `PRIVACY_NOTICE_TEXT`, word for word), shown on
 * 我的 on first use (and again when its version changes), and on the request
 * form when the function asks for it before storing the request. Nothing
 * personal is stored until it is accepted; browsing stations needs no data.
 */
export function PrivacyNotice({
  version,
  busy,
  onAccept,
  acceptText = '我已阅读并同意',
  lead,
  className,
}: {
  version: string;
  busy: boolean;
  onAccept: () => void;
  /** Label of the button (the request form: 同意并继续). */
  acceptText?: string;
  /** A first line saying why it is shown here. */
  lead?: string;
  className?: string;
}) {
  return (
    <View
      className={`sgz-card privacy-notice${className ? ` ${className}` : ''}`}
      role="region"
      ariaLabel="隐私政策"
    >
      <Text className="privacy-notice__title">隐私政策（版本 {version}）</Text>
      {lead ? <Text className="privacy-notice__lead">{lead}</Text> : null}
      {PRIVACY_NOTICE_TEXT.map((p) => (
        <Text key={p} className="privacy-notice__paragraph">
          {p}
        </Text>
      ))}
      <Button type="primary" block loading={busy} disabled={busy} onClick={onAccept}>
        {acceptText}
      </Button>
    </View>
  );
}
