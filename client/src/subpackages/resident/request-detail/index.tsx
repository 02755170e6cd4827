import {
  MAX_COMMENT_CHARS,
  rateRequestInput,
  type RequestDto,
  type Result,
  type WireError,
} from '@sgz/shared';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { forWhomText } from '../../../components/RequestCard';
import { StatusBadge, Timeline } from '../../../components/RequestStatus';
import { LoadView, type StateContent } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { cancelRequest, getRequest, rateRequest } from '../../../services/requests';
import { getStation } from '../../../services/stations';
import { formatSlot, formatWhen, requestTitle } from '../../../utils/request-format';
import { ROUTES, stationPageUrl } from '../../../utils/routes';
import './index.scss';

const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

/** What happens next, one line per status (下一步), in the resident's words. */
function nextStepText(request: Pick<RequestDto, 'status' | 'canRate'>): string {
  switch (request.status) {
    case 'submitted':
      return '社工站会尽快受理，并打电话和您确认；受理前您可以随时取消。';
    case 'accepted':
      return '社工站已受理，会和您约定服务时间，请留意电话。';
    case 'scheduled':
      return '服务时间已安排好，社工会按时为您服务，请保持电话畅通。';
    case 'in_service':
      return '社工正在为您服务。服务完成后，您可以在这里评价。';
    case 'completed':
      return request.canRate ? '服务已完成，请给这次服务评个分。' : '服务已完成，感谢您的反馈。';
    case 'rejected':
      return '社工站没有受理这次求助，原因见下方办理进度；有疑问可以致电社工站。';
    case 'cancelled':
      return '这次求助已取消。如仍需要帮助，可以再次求助。';
  }
}

/**
 * A link to a request that is not (or no longer) the resident's to see. The requests
 * function answers `permission-denied` for another resident's or a missing request (it
 * does not tell the two apart), `not-found` / `invalid-argument` for a malformed id: the
 * resident reads the same plain words and a way back, never a raw refusal or 重试.
 */
const goneLink = (error: WireError): StateContent | null =>
  error.code === 'permission-denied' || error.code === 'not-found' || error.code === 'invalid-argument'
    ? {
        symbol: '?',
        title: '这条求助不存在或您无权查看，可能已被删除',
        description: '您的求助都在“我的求助”里',
        actionText: '查看我的求助',
        onAction: () => void Taro.redirectTo({ url: ROUTES.myRequests }),
      }
    : null;

const noId = (): Promise<Result<{ request: RequestDto }>> =>
  Promise.resolve({ ok: false, error: { code: 'not-found', message: '链接里没有求助编号' } });

/** One of the resident's requests: status, timeline, cancel, and the rating after completion. */
export default function RequestDetailPage() {
  const { params } = useRouter();
  const id = params.id;
  const loader = useCallback(() => (id ? getRequest({ requestId: id }) : noId()), [id]);
  const detail = useLoad(loader);
  const { setData, reload } = detail;
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(
    params.submitted ? { kind: 'ok', text: '求助已提交，社工站会尽快处理，请留意电话' } : null,
  );

  const [confirming, setConfirming] = useState(false);

  const cancel = async (request: RequestDto) => {
    if (busy) return;
    setBusy(true);
    const res = await cancelRequest({ requestId: request.id });
    setBusy(false);
    setConfirming(false);
    if (res.ok) {
      setData(res.data);
      setNotice({ kind: 'ok', text: '已取消这次求助' });
    } else {
      setNotice({ kind: 'error', text: res.error.message });
      void reload();
    }
  };

  const rate = async (request: RequestDto, stars: number, comment: string): Promise<string | null> => {
    const input = { requestId: request.id, stars, ...(comment.trim() ? { comment } : {}) };
    const check = rateRequestInput.safeParse(input);
    if (!check.success) return check.error.issues[0]?.message ?? '请检查评价内容';
    setBusy(true);
    const res = await rateRequest(input);
    setBusy(false);
    if (!res.ok) {
      void reload();
      return res.error.message;
    }
    setData(res.data);
    setNotice({ kind: 'ok', text: '感谢您的评价' });
    return null;
  };

  const request = detail.data?.request;
  return (
    <PageRoot className="rqd">
      <LoadView
        status={detail.status}
        error={detail.error}
        onRetry={detail.retry}
        errorTitle="求助详情没有加载出来"
        describeError={goneLink}
      />
      {request ? (
        <View>
          {notice ? (
            <View
              className={`sgz-notice rqd__notice${notice.kind === 'ok' ? ' sgz-notice--ok' : ''}`}
              role={notice.kind === 'error' ? 'alert' : 'status'}
            >
              <Text>
                {notice.kind === 'ok' ? '✓ ' : '⚠ '}
                {notice.text}
              </Text>
            </View>
          ) : null}
          <RequestSummary request={request} />
          <View className="sgz-card rqd__next" role="status">
            <Text className="sgz-section-title">接下来</Text>
            <Text>{nextStepText(request)}</Text>
          </View>
          <StationContact stationId={request.stationId} />
          {request.rating ? (
            <View className="sgz-card rqd__rated">
              <Text className="sgz-section-title">我的评价</Text>
              <Text className="rqd__stars-text">
                {'★'.repeat(request.rating.stars)}
                {'☆'.repeat(5 - request.rating.stars)} {request.rating.stars} 星（
                {STAR_WORDS[request.rating.stars]}）
              </Text>
              {request.rating.comment ? <Text>{request.rating.comment}</Text> : null}
              <Text className="sgz-hint">评价于 {formatWhen(request.rating.at)}</Text>
            </View>
          ) : null}
          {request.canRate ? <RatingForm busy={busy} onRate={(s, c) => rate(request, s, c)} /> : null}
          <View className="sgz-card">
            <Text className="sgz-section-title">办理进度</Text>
            <Timeline history={request.history} />
          </View>
          {request.canCancel ? (
            <View className="rqd__actions">
              <Button block disabled={busy} onClick={() => setConfirming(true)}>
                取消求助
              </Button>
            </View>
          ) : null}
          <ConfirmDialog
            open={confirming && request.canCancel}
            title="要取消这次求助吗？"
            lines={
              request.slot
                ? ['取消后，社工站不再处理这次求助，预约的名额会让给其他居民。']
                : ['取消后，社工站不再处理这次求助。']
            }
            confirmText="取消求助"
            cancelText="先不取消"
            tone="danger"
            busy={busy}
            onConfirm={() => void cancel(request)}
            onCancel={() => setConfirming(false)}
          />
        </View>
      ) : null}
    </PageRoot>
  );
}

function RequestSummary({ request }: { request: RequestDto }) {
  return (
    <View className="sgz-card rqd__summary">
      <View className="rqd__row">
        <Text className="rqd__title">{requestTitle(request)}</Text>
        <StatusBadge status={request.status} label={request.statusLabel} />
      </View>
      {request.slot ? <Text>预约时段：{formatSlot(request.slot)}</Text> : null}
      {request.scheduledAt && !request.slot ? <Text>安排时间：{formatWhen(request.scheduledAt)}</Text> : null}
      <Text>为谁求助：{forWhomText(request)}</Text>
      <Text>联系电话：{request.contactPhone}</Text>
      <Text className="rqd__description">需求：{request.description}</Text>
      <Text className="sgz-hint">提交于 {formatWhen(request.createdAt)}（北京时间）</Text>
    </View>
  );
}

/**
 * The station that handles the request: its name, and its phone to tap (拨打社工站电话); with no
 * phone published, a way to the station's page (which says how else to reach it) instead of a
 * dead button. Nothing when the station cannot be loaded: the request itself still shows.
 */
function StationContact({ stationId }: { stationId: string }) {
  const loader = useCallback(() => getStation({ id: stationId }), [stationId]);
  const station = useLoad(loader);
  const openStation = () => void Taro.navigateTo({ url: stationPageUrl(stationId) });
  if (!station.data) return null;
  const { officialName, phone } = station.data;
  return (
    <View className="sgz-card rqd__station">
      <Text className="sgz-section-title">负责的社工站</Text>
      <Text className="rqd__station-name">{officialName}</Text>
      {phone ? (
        <Button block onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
          拨打社工站电话 {phone}
        </Button>
      ) : (
        <View className="rqd__station-nophone">
          <Text className="sgz-hint">社工站暂未公布电话，社工会通过您留的电话联系您。</Text>
          <Button block onClick={openStation}>
            查看社工站
          </Button>
        </View>
      )}
    </View>
  );
}

/** 1–5 stars (each a large labelled button) and an optional comment; sent once. */
function RatingForm(props: {
  busy: boolean;
  onRate: (stars: number, comment: string) => Promise<string | null>;
}) {
  const [stars, setStars] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | undefined>();
  const send = async () => {
    if (stars < 1) {
      setError('请先点选 1 到 5 颗星');
      return;
    }
    setError((await props.onRate(stars, comment)) ?? undefined);
  };
  return (
    <View className="sgz-card rqd__rating">
      <Text className="sgz-section-title">评价这次服务</Text>
      <View className="rqd__stars" role="radiogroup">
        {[1, 2, 3, 4, 5].map((n) => (
          <View
            key={n}
            className={`rqd__star${n <= stars ? ' rqd__star--on' : ''}`}
            role="radio"
            aria-checked={n === stars}
            ariaLabel={`${n} 星`}
            onClick={() => setStars(n)}
          >
            <Text aria-hidden>{n <= stars ? '★' : '☆'}</Text>
          </View>
        ))}
      </View>
      <Text className="rqd__stars-text">{stars ? `${stars} 星：${STAR_WORDS[stars]}` : '请点选星星'}</Text>
      <Textarea
        className="sgz-textarea rqd__comment"
        value={comment}
        maxlength={MAX_COMMENT_CHARS}
        placeholder="还想说点什么（可不填）"
        onInput={(e) => setComment(e.detail.value)}
      />
      <FieldError message={error} />
      <Button type="primary" block disabled={props.busy} onClick={() => void send()}>
        提交评价
      </Button>
    </View>
  );
}
