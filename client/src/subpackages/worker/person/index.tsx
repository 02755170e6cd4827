import {
  CONSENT_GIVER_LABELS,
  CONSENT_LABELS,
  CONSENT_METHOD_LABELS,
  SENSITIVE_CATEGORIES,
  type PersonConsentDto,
  type PersonDetail,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { useCallback, useRef, type ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { CaseCard } from '../../../components/CaseCard';
import { cases } from '../../../services/cases';
import { getPerson } from '../../../services/files';
import { listVisits } from '../../../services/visits';
import { formatWhen } from '../../../utils/request-format';
import {
  caseOpenUrl,
  caseUrl,
  consentFormUrl,
  personFormUrl,
  stationRequestUrl,
  visitDetailUrl,
  visitFormUrl,
  visitsUrl,
} from '../../../utils/routes';
import { dueWords, riskClass, riskText } from '../person-format';
import { VisitCard } from '../visits/VisitCard';
import '../../../components/staff-page.scss';
import '../person.scss';

/** What a field the file may not keep says instead of its value. */
export const NOT_KEPT = '仅本人同意后可记录';

/**
 * One service-user file (一人一档), whole, as the station sees it: opening it is
 * audited by the function (the person can see that the station opened it). Shows
 * the household, which sensitive fields may be kept (`keep`), the consents given
 * at the door and how, the attached requests, with 编辑 and 记录同意.
 */
export default function PersonPage() {
  const id = useRouter().params.id ?? '';
  const loader = useCallback(() => getPerson({ personId: id }), [id]);
  const file = useLoad(loader);
  const { reload } = file;
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  return (
    <PageRoot className="wk">
      <LoadView
        status={file.status}
        error={file.error}
        onRetry={file.retry}
        loadingText="正在打开档案…"
        errorTitle="档案没有打开"
        describeError={(e) =>
          e.code === 'permission-denied' || e.code === 'not-found'
            ? {
                symbol: '?',
                title: '这份档案不存在或不属于本站',
                description: '可能已被删除，请从待访名单或本站档案中重新打开',
                actionText: '返回',
                onAction: () => void Taro.navigateBack(),
              }
            : null
        }
      />
      {file.data ? <PersonView person={file.data.person} /> : null}
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

const v = (s: string | number | null | undefined): string =>
  s === null || s === undefined || s === '' ? '未填写' : String(s);

/** How a consent was given: 书面同意书（已拍照）, or 口头同意 with the witness named. */
export function consentHow(c: PersonConsentDto): string {
  if (c.method === 'verbal') return `口头同意，见证人：${c.witnessName ?? '未记录'}`;
  return c.fileId ? CONSENT_METHOD_LABELS.paper : '书面同意书';
}

function PersonView({ person: p }: { person: PersonDetail }) {
  const birth = p.birthDate ?? (p.birthYear ? `${p.birthYear} 年` : null);
  const h = p.household;
  return (
    <View>
      <View className="sgz-card">
        <View className="pf-card__row">
          <Text className="wk__title">{p.name}</Text>
          <Text className={riskClass(p.risk)}>{riskText(p.risk)}</Text>
        </View>
        <Text className="sgz-hint">
          {p.status} · {p.community ?? '未填写社区'}
        </Text>
        <Text className={`pf-due${p.due === 'overdue' ? ' pf-due--overdue' : ''}`}>
          {p.due === 'overdue' ? '⚠ ' : '◷ '}下次走访：{dueWords(p)}
          {p.lastVisitDay ? `（上次 ${p.lastVisitDay}）` : '（尚未走访）'}
        </Text>
      </View>
      <View className="pf-actions">
        <Button
          type="primary"
          onClick={() => void Taro.navigateTo({ url: visitFormUrl({ personId: p.id }) })}
        >
          记录走访
        </Button>
      </View>
      <View className="pf-actions">
        <Button onClick={() => void Taro.navigateTo({ url: personFormUrl(p.id) })}>编辑</Button>
        <Button type="primary" onClick={() => void Taro.navigateTo({ url: consentFormUrl(p.id) })}>
          记录同意
        </Button>
      </View>

      <PersonVisits personId={p.id} stationId={p.stationId} />
      <PersonCases personId={p.id} />

      <View className="sgz-card">
        <Text className="sgz-section-title">基本信息</Text>
        <Row k="性别">{<Text>{v(p.sex)}</Text>}</Row>
        <Row k="出生">
          <Text>
            {v(birth)}
            {p.age !== null ? `（${p.age} 岁）` : ''}
          </Text>
        </Row>
        <Row k="电话">
          <Text>{v(p.phone)}</Text>
        </Row>
        <Row k="身份证号">
          <Text>{v(p.idNumber)}</Text>
        </Row>
        <Row k="居住情况">
          <Text>{p.livingSituation}</Text>
        </Row>
        <Row k="类别">
          <Text>{p.categories.length ? p.categories.join('、') : '未填写'}</Text>
        </Row>
        <Row k="备注">
          <Text>{v(p.notes)}</Text>
        </Row>
      </View>

      <View className="sgz-card">
        <Text className="sgz-section-title">敏感信息（需本人同意）</Text>
        {SENSITIVE_CATEGORIES.map((c) => {
          const k = p.keep[c];
          return (
            <Row key={c} k={CONSENT_LABELS[c]}>
              {k.allowed ? (
                <Text>✓ 已同意记录{k.lastDay ? `（${k.lastDay}）` : ''}</Text>
              ) : (
                <Text className="pf-kv__locked">
                  ⊘ {NOT_KEPT}
                  {k.problem === 'guardian-required' ? '（未成年人须由监护人同意）' : ''}
                </Text>
              )}
            </Row>
          );
        })}
        <Row k="健康状况">
          {p.keep.health.allowed ? (
            <Text>{v(p.healthNotes)}</Text>
          ) : (
            <Text className="pf-kv__locked">⊘ {NOT_KEPT}</Text>
          )}
        </Row>
      </View>

      <View className="sgz-card">
        <Text className="sgz-section-title">家庭</Text>
        {h ? (
          <View>
            <Row k="地址">
              <Text>
                {h.community} {h.address}
              </Text>
            </Row>
            <Row k="联系人">
              <Text>
                {h.contact
                  ? `${h.contact.name}${h.contact.relationship ? `（${h.contact.relationship}）` : ''} ${h.contact.phone}`
                  : '未填写'}
              </Text>
            </Row>
            <Row k="成员">
              <Text>
                {h.members
                  .map((m) => `${m.nameMasked}${m.relationship ? `（${m.relationship}）` : ''}`)
                  .join('、')}
              </Text>
            </Row>
          </View>
        ) : (
          <Text className="sgz-hint">未登记家庭</Text>
        )}
      </View>

      <View className="sgz-card">
        <Text className="sgz-section-title">入户登记的同意</Text>
        {p.consents.length === 0 ? <Text className="sgz-hint">还没有登记过同意</Text> : null}
        {p.consents.map((c) => (
          <View key={c.id} className="pf-kv">
            <Text className="pf-kv__key">{c.day}</Text>
            <View className="pf-kv__value">
              <Text>
                {c.kind === 'give' ? '✓ 同意' : '✕ 撤回'}：{c.labels.join('、')}
              </Text>
              <Text className="sgz-hint">
                {'\n'}由{CONSENT_GIVER_LABELS[c.givenBy]}
                {c.guardian ? `（${c.guardian.name}，${c.guardian.relationship}）` : ''} · {consentHow(c)}
              </Text>
            </View>
          </View>
        ))}
      </View>

      <View className="sgz-card">
        <Text className="sgz-section-title">居民求助</Text>
        {p.requests.length === 0 ? <Text className="sgz-hint">没有关联的求助</Text> : null}
        {p.requests.map((r) => (
          <View
            key={r.id}
            className="pf-kv"
            role="button"
            onClick={() => void Taro.navigateTo({ url: stationRequestUrl(r.id) })}
          >
            <Text className="pf-kv__key">{r.statusLabel}</Text>
            <Text className="pf-kv__value">
              {r.itemTitle ?? `其他需求 · ${r.area}`} · {formatWhen(r.createdAt)} ›
            </Text>
          </View>
        ))}
      </View>
    </View>
  );
}

/** How many of the person's latest visits the file shows (查看全部 opens the list). */
const LATEST_VISITS = 3;

/** 走访记录 on the file: the person's latest synced visits (masked, as lists are) and 查看全部. */
function PersonVisits({ personId, stationId }: { personId: string; stationId: string }) {
  const loader = useCallback(
    () => listVisits({ stationId, personId, limit: LATEST_VISITS }),
    [stationId, personId],
  );
  const visits = useLoad(loader, { isEmpty: (page) => page.items.length === 0 });
  const { reload } = visits;
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  return (
    <View className="sgz-card">
      <Text className="sgz-section-title">走访记录</Text>
      <LoadView
        compact
        status={visits.status}
        error={visits.error}
        onRetry={visits.retry}
        loadingText="正在加载走访记录…"
        errorTitle="走访记录没有加载出来"
        empty={{ title: '还没有已同步的走访记录' }}
      />
      {visits.status === 'ready' && visits.data ? (
        <View>
          {visits.data.items.map((v) => (
            <VisitCard
              key={v.id}
              visit={v}
              onOpen={(id) => void Taro.navigateTo({ url: visitDetailUrl(id) })}
            />
          ))}
          <Button block onClick={() => void Taro.navigateTo({ url: visitsUrl(personId) })}>
            查看全部走访记录
          </Button>
        </View>
      ) : null}
    </View>
  );
}

/**
 * 个案 on the file (issue 11): the person's cases the caller may open (the server lists
 * only those: the case's workers, the head, its supervisor; audited), and 开个案.
 */
function PersonCases({ personId }: { personId: string }) {
  const loader = useCallback(() => cases.listCasesForPerson({ personId }), [personId]);
  const found = useLoad(loader, { isEmpty: (d) => d.items.length === 0 });
  const { reload } = found;
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) void reload();
    shown.current = true;
  });
  return (
    <View className="sgz-card" role="region" aria-label="个案">
      <Text className="sgz-section-title">个案</Text>
      <LoadView
        compact
        status={found.status}
        error={found.error}
        onRetry={found.retry}
        loadingText="正在加载个案…"
        errorTitle="个案没有加载出来"
        empty={{ title: '没有您可以查看的个案' }}
      />
      {found.status === 'ready' && found.data
        ? found.data.items.map((c) => (
            <CaseCard key={c.id} item={c} onOpen={() => void Taro.navigateTo({ url: caseUrl(c.id) })} />
          ))
        : null}
      <Button block onClick={() => void Taro.navigateTo({ url: caseOpenUrl({ personId }) })}>
        开个案
      </Button>
    </View>
  );
}
