import { Button } from '@nutui/nutui-react-taro';
import { redeemInviteInput } from '@sgz/shared';
import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { FeedbackLine } from './ProfileForm';
import type { Feedback } from './use-mine';

/** Redeem a staff invite code (社工、站长、督导 receive one from the district or their head). */
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
    const check = redeemInviteInput.safeParse({ code });
    if (!check.success) {
      setFeedback({ kind: 'error', message: check.error.issues[0]?.message ?? '邀请码格式不对' });
      return;
    }
    const result = await onRedeem(check.data.code);
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
      <Button size="large" block loading={busy} onClick={() => void redeem()}>
        使用邀请码
      </Button>
    </View>
  );
}
