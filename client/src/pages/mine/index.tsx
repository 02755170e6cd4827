import { Text, View } from '@tarojs/components';
import { PageRoot } from '../../components/PageRoot';

/** 我的 (placeholder; built out for the accounts issue). */
export default function MinePage() {
  return (
    <PageRoot>
      <View className='sgz-card'>
        <Text>我的</Text>
      </View>
    </PageRoot>
  );
}
