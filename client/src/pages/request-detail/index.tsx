import { Button } from '@nutui/nutui-react-taro';
import { MAX_COMMENT_CHARS, rateRequestInput, type RequestDto, type WireError } from '@sgz/shared';
import { Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { FieldError } from '../../components/FieldError';
import { PageRoot } from '../../components/PageRoot';
import { StatusBadge, Timeline } from '../../components/RequestStatus';
import { StateView } from '../../components/StateView';
import { cancelRequest, getRequest, rateRequest } from '../../services/requests';
import { formatSlot, formatWhen, requestTitle } from '../../utils/request-format';
import { ROUTES } from '../../utils/routes';
import './index.scss';

type DetailState =
  | { status: 'loading' }
  | { status: 'not-found' }
  | { status: 'error'; error: WireError }
  | { status: 'ready'; request: RequestDto };

const STAR_WORDS = ['', '很不满意', '不满意', '一般', '满意', '非常满意'];

/** One of the resident's requests: status, timeline, cancel, and the rating after completion. */
export default function RequestDetailPage() {
  const { params } = useRouter();
  const id = params.id;
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<{ kind: 'ok' | 'error'; text: string } | null>(
    params.submitted ? { kind: 'ok', text: '求助已提交，社工站会尽快处理，请留意电话' } : null,
  );
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  const load = useCallback(async () => {
    if (!id) {
      setState({ status: 'not-found' });
      return;
    }
    const res = await getRequest(id);
    if (!live.current) return;
    if (res.ok) setState({ status: 'ready', request: res.data.request });
    else if (res.error.code === 'not-found' || res.error.code === 'invalid-argument')
      setState({ status: 'not-found' });
    else setState({ status: 'error', error: res.error });
  }, [id]);
  useEffect(() => {
    void load();
  }, [load]);

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
    if (!live.current) return;
    setBusy(false);
    if (res.ok) {
      setState({ status: 'ready', request: res.data.request });
      setNotice({ kind: 'ok', text: '已取消这次求助' });
    } else {
      setNotice({ kind: 'error', text: res.error.message });
      void load();
    }
  };

  const rate = async (request: RequestDto, stars: number, comment: string): Promise<string | null> => {
    const input = { requestId: request.id, stars, ...(comment.trim() ? { comment } : {}) };
    const check = rateRequestInput.safeParse(input);
    if (!check.success) return check.error.issues[0]?.message ?? '请检查评价内容';
    setBusy(true);
    const res = await rateRequest(input);
    if (!live.current) return null;
    setBusy(false);
    if (!res.ok) {
      void load();
      return res.error.message;
    }
    setState({ status: 'ready', request: res.data.request });
    setNotice({ kind: 'ok', text: '感谢您的评价' });
    return null;
  };

  return (
    <PageRoot className="rqd">
      {state.status === 'loading' ? <StateView symbol="…" title="正在加载" /> : null}
      {state.status === 'not-found' ? (
        <StateView
          symbol="?"
          title="没有找到这条求助"
          description="它可能已被删除或链接有误，请到“我的求助”查看"
          actionText="查看我的求助"
          onAction={() => void Taro.redirectTo({ url: ROUTES.myRequests })}
        />
      ) : null}
      {state.status === 'error' ? (
        <StateView
          role="alert"
          symbol="!"
          title="求助详情没有加载出来"
          description={state.error.message}
          actionText="重试"
          onAction={() => {
            setState({ status: 'loading' });
            void load();
          }}
        />
      ) : null}
      {state.status === 'ready' ? (
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
          <RequestSummary request={state.request} />
          <View className="sgz-card">
            <Text className="sgz-section-title">办理进度</Text>
            <Timeline history={state.request.history} />
          </View>
          {state.request.rating ? (
            <View className="sgz-card rqd__rated">
              <Text className="sgz-section-title">我的评价</Text>
              <Text className="rqd__stars-text">
                {'★'.repeat(state.request.rating.stars)}
                {'☆'.repeat(5 - state.request.rating.stars)} {state.request.rating.stars} 星（
                {STAR_WORDS[state.request.rating.stars]}）
              </Text>
              {state.request.rating.comment ? <Text>{state.request.rating.comment}</Text> : null}
              <Text className="sgz-hint">评价于 {formatWhen(state.request.rating.at)}</Text>
            </View>
          ) : null}
          {state.request.canRate ? (
            <RatingForm busy={busy} onRate={(s, c) => rate(state.request, s, c)} />
          ) : null}
          {state.request.canCancel ? (
            <View className="rqd__actions">
              <Button size="large" block disabled={busy} onClick={() => void cancel(state.request)}>
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
      <Text>
        为谁求助：
        {request.beneficiary
          ? `家人（${request.beneficiary.relationship}：${request.beneficiary.name}）`
          : '本人'}
      </Text>
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
      <Button type="primary" size="large" block disabled={props.busy} onClick={() => void send()}>
        提交评价
      </Button>
    </View>
  );
}
