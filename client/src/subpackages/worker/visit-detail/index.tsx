import {
  CONSENT_LABELS,
  FINDING_AREAS,
  FINDING_LABELS,
  type FollowUpDto,
  type Result,
  type VisitDetail,
} from '@sgz/shared';
import { Image, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, type ReactNode } from 'react';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { loadMe } from '../../../hooks/use-staff-station';
import { getVisit } from '../../../services/visits';
import { formatDay, formatWhen } from '../../../utils/request-format';
import { riskClass, riskText } from '../person-format';
import { personsText } from '../visits/VisitCard';
import '../../../components/staff-page.scss';
import '../person.scss';
import '../visits/index.scss';

/** What the oversight view (督导) says instead of the names, text and photos. */
export const OVERSIGHT_NOTICE = '督导视图：姓名已遮盖，不显示文字和照片';
/** What a photo or signature without a link says (the file is gone or the link failed). */
export const NO_PHOTO = '照片暂时无法显示';

/**
 * One synced visit, whole (getVisit; opening it is audited by the function): in
 * Chinese, times in Beijing time, the location or why there is none, photos from
 * the short-lived links (tap: full screen), the signature or why there is none,
 * follow-ups, and what was left out for want of consent. A supervisor gets the
 * oversight view: names masked, no free text, no photos, and the page says so.
 */
export default function VisitDetailPage() {
  const id = useRouter().params.id ?? '';
  const loader = useCallback(() => getVisit({ visitId: id }), [id]);
  const visit = useLoad(loader);
  const meLoader = useCallback(async (): Promise<Result<string>> => {
    const me = await loadMe();
    return me.ok ? { ok: true, data: me.data.userId } : me;
  }, []);
  const me = useLoad(meLoader);
  return (
    <PageRoot className="wk">
      <LoadView
        status={visit.status}
        error={visit.error}
        onRetry={visit.retry}
        loadingText="正在打开走访记录…"
        errorTitle="走访记录没有打开"
        describeError={(e) =>
          e.code === 'permission-denied' || e.code === 'not-found'
            ? {
                symbol: '?',
                title: '这条走访记录不存在，或您没有权限查看',
                description: '可能还没有同步到服务器，请从走访记录列表重新打开',
                actionText: '返回',
                onAction: () => void Taro.navigateBack(),
              }
            : null
        }
      />
      {visit.data ? <VisitView visit={visit.data.visit} me={me.data ?? null} /> : null}
    </PageRoot>
  );
}

function Row({ k, children }: { k: string; children: ReactNode }) {
  return (
    <View className="pf-kv">
      <Text className="pf-kv__key">{k}</Text>
      <View className="pf-kv__value">{children}</View>
    </View>
  );
}

const orNone = (s: string | null | undefined, none = '未记录'): string => (s && s.trim() ? s : none);

/** `39.02000, 117.65000（误差约 30 米）`. */
const pointText = (p: { lat: number; lng: number; accuracy: number } | null): string =>
  p ? `${p.lat.toFixed(5)}, ${p.lng.toFixed(5)}（误差约 ${Math.round(p.accuracy)} 米）` : '未定位';

const preview = (urls: string[], current: string) => void Taro.previewImage({ urls, current });

function FollowUp({ f, me }: { f: FollowUpDto; me: string | null }) {
  return (
    <View className="pf-kv">
      <Text className="pf-kv__key">{f.status === 'done' ? '✓ 已完成' : '○ 待跟进'}</Text>
      <View className="pf-kv__value">
        <Text>{f.action}</Text>
        <Text className="sgz-hint">
          {'\n'}负责人：{me !== null && f.ownerId === me ? '我' : '本站工作人员'} · 期限：
          {formatDay(f.dueDay)}
          {f.referral ? ` · 转介：${f.referral}` : ''}
          {f.openCase ? ' · 需开个案' : ''}
        </Text>
      </View>
    </View>
  );
}

function VisitView({ visit: v, me }: { visit: VisitDetail; me: string | null }) {
  const station = v.view === 'station';
  const photoUrls = v.photos.map((p) => p.url).filter((u): u is string => u !== null);
  return (
    <View>
      <View className="sgz-card">
        <View className="pf-card__row">
          <Text className="wk__title">
            {v.type} · {v.mode}
          </Text>
          {v.risk ? <Text className={riskClass(v.risk)}>{riskText(v.risk)}</Text> : null}
        </View>
        <Text className="sgz-hint">{formatDay(v.day)}</Text>
        {v.hasConflict ? (
          <Text className="vs-conflict">{'\n'}⚠ 有冲突：手机上有另一份不同的版本，等站长处理</Text>
        ) : null}
      </View>
      {station ? null : (
        <View className="vs-notice" role="note">
          <Text>{OVERSIGHT_NOTICE}</Text>
        </View>
      )}

      <View className="sgz-card">
        <Text className="sgz-section-title">基本情况</Text>
        <Row k="走访对象">
          <Text>{personsText(v)}</Text>
        </Row>
        <Row k="开始">
          <Text>{formatWhen(v.startAt)}</Text>
        </Row>
        <Row k="结束">
          <Text>{formatWhen(v.endAt)}</Text>
        </Row>
        <Row k="社工">
          <Text>{v.workerIds.length} 人</Text>
        </Row>
        <Row k="其他在场">
          <Text>
            {v.othersPresent.length
              ? v.othersPresent.map((o) => (o.name ? `${o.role}（${o.name}）` : o.role)).join('、')
              : '无'}
          </Text>
        </Row>
        <Row k="对象类别">
          <Text>{v.categories.length ? v.categories.join('、') : '未记录'}</Text>
        </Row>
        {station ? (
          <Row k="地址">
            <Text>{orNone(v.address)}</Text>
          </Row>
        ) : null}
        <Row k="收到时间">
          <Text>{formatWhen(v.receivedAt)}</Text>
        </Row>
      </View>

      {v.withheld.length > 0 ? (
        <View className="sgz-card" role="note">
          <Text className="sgz-section-title">未记录的敏感信息</Text>
          {v.withheld.map((w) => (
            <Row key={`${w.field}-${w.consent}`} k={CONSENT_LABELS[w.consent]}>
              <Text className="pf-kv__locked">⊘ {w.reason}</Text>
            </Row>
          ))}
        </View>
      ) : null}

      {station && v.findings ? (
        <View className="sgz-card">
          <Text className="sgz-section-title">发现情况</Text>
          {FINDING_AREAS.map((a) => (
            <Row key={a} k={FINDING_LABELS[a]}>
              <Text>{orNone(v.findings?.[a])}</Text>
            </Row>
          ))}
        </View>
      ) : null}

      <View className="sgz-card">
        <Text className="sgz-section-title">需求与服务</Text>
        {v.needs.length === 0 ? <Text className="sgz-hint">未记录需求</Text> : null}
        {v.needs.map((n, i) => (
          <Row key={`${n.area}-${i}`} k={n.area}>
            <Text>{station ? orNone(n.note, '（无说明）') : '有需求'}</Text>
          </Row>
        ))}
        <Row k="提供服务">
          <Text>{v.services.length ? v.services.join('、') : '无'}</Text>
        </Row>
      </View>

      <View className="sgz-card">
        <Text className="sgz-section-title">后续跟进</Text>
        {v.followUps.length === 0 ? <Text className="sgz-hint">没有后续跟进</Text> : null}
        {v.followUps.map((f) =>
          station ? (
            <FollowUp key={f.id} f={f} me={me} />
          ) : (
            <Row key={f.id} k={f.status === 'done' ? '✓ 已完成' : '○ 待跟进'}>
              <Text>期限：{formatDay(f.dueDay)}</Text>
            </Row>
          ),
        )}
      </View>

      {station ? (
        <View className="sgz-card">
          <Text className="sgz-section-title">到场凭证</Text>
          <Row k="定位">
            {v.location === null ? (
              <Text>未记录定位</Text>
            ) : v.location.refused ? (
              <Text>未定位：{v.location.refused}</Text>
            ) : (
              <Text>
                开始：{pointText(v.location.start)}
                {'\n'}结束：{pointText(v.location.end)}
              </Text>
            )}
          </Row>
          <Text className="pf-kv__key">照片（{v.photos.length} 张）</Text>
          {v.photos.length === 0 ? <Text className="sgz-hint">{'\n'}没有照片</Text> : null}
          <View className="vs-photos">
            {v.photos.map((p, i) =>
              p.url ? (
                <View
                  key={p.fileId}
                  role="button"
                  aria-label={`第 ${i + 1} 张照片，点按放大`}
                  onClick={() => preview(photoUrls, p.url ?? '')}
                >
                  <Image
                    className="vs-photo"
                    src={p.url}
                    nativeProps={{ alt: `第 ${i + 1} 张走访照片` }}
                    mode="aspectFill"
                    aria-label={`第 ${i + 1} 张照片`}
                  />
                </View>
              ) : (
                <View key={p.fileId} className="vs-photo-missing">
                  <Text>{NO_PHOTO}</Text>
                </View>
              ),
            )}
          </View>
          <Row k="居民确认">
            {v.confirmation.signed ? (
              v.confirmation.signatureUrl ? (
                <Image
                  className="vs-signature"
                  src={v.confirmation.signatureUrl}
                  nativeProps={{ alt: '居民签名' }}
                  mode="aspectFit"
                  aria-label="居民签名"
                />
              ) : (
                <Text>已签名（{NO_PHOTO}）</Text>
              )
            ) : (
              <Text>未签名：{orNone(v.confirmation.noSignatureReason, '未说明原因')}</Text>
            )}
          </Row>
        </View>
      ) : (
        <View className="sgz-card">
          <Text className="sgz-section-title">到场凭证</Text>
          <Row k="照片">
            <Text>{v.photoCount} 张（不显示）</Text>
          </Row>
          <Row k="居民确认">
            <Text>{v.confirmation.signed ? '已签名' : '未签名'}</Text>
          </Row>
        </View>
      )}
    </View>
  );
}
