import { Button } from '@nutui/nutui-react-taro';
import { Text, View } from '@tarojs/components';

/**
 * The privacy notice shown on first use (and again when its version changes).
 * Nothing personal is stored until it is accepted; browsing stations needs no data.
 * The wording is a summary for residents; the bureau's full notice replaces it.
 */
export function PrivacyNotice({
  version,
  busy,
  onAccept,
}: {
  version: string;
  busy: boolean;
  onAccept: () => void;
}) {
  return (
    <View className="sgz-card mine__privacy" role="region" ariaLabel="隐私政策">
      <Text className="mine__section-title">隐私政策（版本 {version}）</Text>
      <Text className="mine__paragraph">
        滨海新区社工站小程序由区民政局及各街镇社工站使用，用于为您提供社会工作服务。
      </Text>
      <Text className="mine__paragraph">· 我们只在您同意后保存您填写的姓名和手机号，用于社工与您联系。</Text>
      <Text className="mine__paragraph">
        · 健康状况、残疾情况、经济困难状况等敏感信息，会在第一次记录时另行征得您的同意；不满 14
        周岁的儿童需由监护人同意。
      </Text>
      <Text className="mine__paragraph">· 您可以随时在本页查看和撤回您的授权。</Text>
      <Text className="mine__paragraph">· 不同意也可以查找社工站、查看社工站信息。</Text>
      <Button type="primary" size="large" block loading={busy} onClick={onAccept}>
        我已阅读并同意
      </Button>
    </View>
  );
}
