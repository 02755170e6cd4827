import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { FeedbackLine } from './ProfileForm';
import type { Feedback } from './use-mine';

/**
 * Redeem a staff invite code (社工、站长、督导 receive one from the district or their head).
 * The accounts function reads it leniently (spaces, dashes, lower case) and says what is wrong.
 */
export function InviteForm({
  busy,
  onRedeem,
}: {
  busy: boolean;
  onRedeem: (code: string) => Promise<Feedback>;
}) {
  const [code, setCode] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);

  const redeem = async () => {
    const result = await onRedeem(code);
    setFeedback(result);
    if (result?.kind === 'ok') setCode('');
  };

  return (
    <View className="sgz-card">
      <Text className="mine__section-title">工作人员邀请码</Text>
      <Text className="mine__hint">社工、站长、督导请输入收到的邀请码，居民无需填写。</Text>
      <View className="mine__field">
        <Input
          className="mine__input"
          value={code}
          maxlength={32}
          placeholder="8 位字母和数字"
          onInput={(e) => setCode(e.detail.value)}
        />
      </View>
      <FeedbackLine feedback={feedback} />
      <Button block loading={busy} onClick={() => void redeem()}>
        使用邀请码
      </Button>
    </View>
  );
}
