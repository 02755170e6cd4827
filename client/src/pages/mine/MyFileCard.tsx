import type { MyFileDto, SensitiveCategory } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import { useCallback } from 'react';
import { LoadView } from '../../components/StateView';
import { useLoad } from '../../hooks/use-load';
import { getMyFile } from '../../services/roster';

/** What the file may keep with each consent (SensitiveCategory → plain words). */
const CONSENT_ALLOWS: Record<SensitiveCategory, string> = {
  health: '记录您的健康状况（如慢性病、用药），用于安排探访和服务',
  disability: '记录您的残疾情况，用于登记残疾/重残、失能等类别和相应服务',
  financial_hardship: '记录您的低保、特困、低收入等经济困难情况，用于相应的帮扶',
};

/** Beijing wall time `YYYY-MM-DD HH:mm` without dayjs (main package: every byte counts). */
export function beijingTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const bj = new Date(d.getTime() + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${bj.getUTCFullYear()}-${pad(bj.getUTCMonth() + 1)}-${pad(bj.getUTCDate())} ${pad(bj.getUTCHours())}:${pad(bj.getUTCMinutes())}`;
}

/**
 * 我的档案: the resident's own service-user file (一人一档) when one is linked to the
 * account (getMyFile): summary, what each consent allows, and who opened the file (role and
 * Beijing time, never a name). Nothing at all when no file is linked.
 */
export function MyFileCard() {
  const loader = useCallback(() => getMyFile({}), []);
  const file = useLoad(loader, { isEmpty: (d) => d.file === null });
  if (file.status === 'loading' || file.status === 'empty') return null;
  if (file.status === 'error')
    return (
      <View className="sgz-card">
        <Text className="mine__section-title">我的档案</Text>
        <LoadView
          compact
          status="error"
          error={file.error}
          onRetry={file.retry}
          errorTitle="我的档案没有加载出来"
        />
      </View>
    );
  return file.data?.file ? <MyFile file={file.data.file} /> : null;
}

export function MyFile({ file }: { file: MyFileDto }) {
  const keep = Object.values(file.keep);
  return (
    <View className="sgz-card">
      <Text className="mine__section-title">我的档案</Text>
      <Text className="mine__paragraph">
        {file.stationName ?? '社工站'}为您建立了服务档案，用于安排探访和服务。
      </Text>
      <Text>姓名：{file.name}</Text>
      {file.community ? <Text>社区/村：{file.community}</Text> : null}
      <Text>档案状态：{file.status}</Text>
      <Text>服务类别：{file.categories.length > 0 ? file.categories.join('、') : '未登记'}</Text>
      <Text>上次探访：{file.lastVisitDay ?? '还没有探访记录'}</Text>
      {file.nextDueDay ? <Text>下次探访约在：{file.nextDueDay}</Text> : null}

      <Text className="mine__entry-title">您的同意</Text>
      {keep.map((k) => (
        <View key={k.category} className="mine__consent">
          <Text>
            {k.allowed ? '✓ 已同意' : '○ 未同意'}：{k.label}
          </Text>
          <Text className="mine__hint">
            {k.allowed
              ? `档案可以${CONSENT_ALLOWS[k.category]}。`
              : `档案不会${CONSENT_ALLOWS[k.category].replace(/，.*$/, '')}。`}
            {k.problem === 'guardian-required' ? '（未满 14 周岁，需要监护人同意）' : ''}
          </Text>
        </View>
      ))}

      <Text className="mine__entry-title">谁查看过我的档案</Text>
      {file.openedBy.length === 0 ? (
        <Text className="mine__hint">还没有人查看过您的档案。</Text>
      ) : (
        file.openedBy.map((o, i) => (
          <Text key={`${o.at}-${i}`} className="mine__hint">
            {o.roleLabel} · {beijingTime(o.at)}（北京时间）
          </Text>
        ))
      )}
    </View>
  );
}
