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
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { forWhomText } from '../../../components/RequestCard';
import { StatusBadge, Timeline } from '../../../components/RequestStatus';
import { LoadView, type StateContent } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { cancelRequest, getRequest, rateRequest } from '../../../services/requests';
import { formatSlot, formatWhen, requestTitle } from '../../../utils/request-format';
import { ROUTES } from '../../../utils/routes';
import './index.scss';

const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

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

  const cancel = async (request: RequestDto) => {
    const answer = await Taro.showModal({
      title: '取消求助',
      content: '确定要取消这次求助吗？取消后预约的名额会让给其他居民。',
      confirmText: '确定取消',
      cancelText: '不取消',
    });
    if (!answer.confirm || busy) return;
    setBusy(true);
    const res = await cancelRequest({ requestId: request.id });
    setBusy(false);
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
          <View className="sgz-card">
            <Text className="sgz-section-title">办理进度</Text>
            <Timeline history={request.history} />
          </View>
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
          {request.canCancel ? (
            <View className="rqd__actions">
              <Button block disabled={busy} onClick={() => void cancel(request)}>
                取消求助
              </Button>
            </View>
          ) : null}
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
