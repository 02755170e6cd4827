import { Input, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { Button } from '../../components/Button';
import type { Feedback } from './use-mine';

/**
 * Name and phone. The accounts function checks them (its schema) and says what to fix; the
 * form shows that message: 我的 is in the main package, which carries no schema library.
 */
export function ProfileForm(props: {
  name: string | null;
  phoneMasked: string | null;
  busy: boolean;
  onSave: (input: { name?: string; phone?: string }) => Promise<Feedback>;
}) {
  const [name, setName] = useState(props.name ?? '');
  const [phone, setPhone] = useState('');
  const [feedback, setFeedback] = useState<Feedback>(null);

  const save = async () => {
    const input = { ...(name.trim() ? { name } : {}), ...(phone.trim() ? { phone } : {}) };
    const result = await props.onSave(input);
    setFeedback(result);
    if (result?.kind === 'ok') setPhone('');
  };

  return (
    <View className="sgz-card">
      <Text className="mine__section-title">我的资料</Text>
      <View className="mine__field">
        <Text className="mine__label">姓名</Text>
        <Input
          className="mine__input"
          value={name}
          maxlength={20}
          placeholder="请输入姓名"
          onInput={(e) => setName(e.detail.value)}
        />
      </View>
      <View className="mine__field">
        <Text className="mine__label">手机号{props.phoneMasked ? `（当前 ${props.phoneMasked}）` : ''}</Text>
        <Input
          className="mine__input"
          type="number"
          value={phone}
          maxlength={11}
          placeholder={props.phoneMasked ? '如需更换，请输入新手机号' : '请输入 11 位手机号'}
          onInput={(e) => setPhone(e.detail.value)}
        />
      </View>
      <FeedbackLine feedback={feedback} />
      <Button type="primary" block loading={props.busy} onClick={() => void save()}>
        保存资料
      </Button>
    </View>
  );
}

/** A result line that says ✓/⚠ in words as well as colour. */
export function FeedbackLine({ feedback }: { feedback: Feedback }) {
  if (!feedback) return null;
  return (
    <View
      className={`mine__feedback mine__feedback--${feedback.kind}`}
      role={feedback.kind === 'error' ? 'alert' : 'status'}
    >
      <Text>
        {feedback.kind === 'ok' ? '✓ ' : '⚠ '}
        {feedback.message}
      </Text>
    </View>
  );
}
