import {
  ACTION_LABELS,
  beijingDay,
  MAX_REASON_CHARS,
  RELATIONSHIP_LABELS,
  transitionRequestInput,
  type RequestDto,
  type StaffAction,
} from '@sgz/shared';
import { Picker, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { StatusBadge, Timeline } from '../../../components/RequestStatus';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { getRequest, transitionRequest } from '../../../services/requests';
import { formatSlot, formatWhen, requestTitle } from '../../../utils/request-format';
import { caseOpenUrl } from '../../../utils/routes';
import { nextScheduleTime } from './schedule';
import '../../../components/staff-page.scss';

/** Order of the buttons: the forward step first, rejecting last. */
const ORDER: StaffAction[] = ['accept', 'schedule', 'start', 'complete', 'reject'];

/** Shown when the family member's consent of this request was withdrawn in 我的授权 (代家人求助). */
const CONSENT_WITHDRAWN_NOTICE = '家属已撤回代为求助的授权：请先与居民本人核实后再处理';

/** When the request is booked or scheduled for (ISO), if it is. */
const bookedAt = (r: RequestDto): string | null => r.scheduledAt ?? r.slot?.startsAt ?? null;

/**
 * One request of the station: details, timeline, and the next steps the station may take.
 * `now` is the clock (tests pass a fixed one): the proposed service time and the
 * 还没到预约时间 warning follow it.
 */
export default function StationRequestPage({ now = () => new Date() }: { now?: () => Date }) {
  const { params } = useRouter();
  const id = params.id ?? '';
  const loader = useCallback(() => getRequest({ requestId: id }), [id]);
  const detail = useLoad(loader);
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<{ kind: 'ok'; text: string } | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  // The proposed service time: the next valid one, not a time that has already passed.
  const [proposed] = useState(() => nextScheduleTime(now()));
  const [day, setDay] = useState(proposed.day);
  const [time, setTime] = useState(proposed.time);
  const [fieldError, setFieldError] = useState<string | undefined>();
  /** 完成服务 waits for this confirmation. */
  const [confirmingComplete, setConfirmingComplete] = useState(false);

  const run = async (request: RequestDto, step: StaffAction) => {
    if (busy) return;
    const input = {
      requestId: request.id,
      step,
      ...(step === 'reject' ? { reason } : {}),
      ...(step === 'schedule' && !request.slot
        ? day && time
          ? { scheduledAt: `${day}T${time}:00+08:00` }
          : {}
        : {}),
    };
    if (step === 'schedule' && !request.slot && !(day && time)) {
      setFieldError('请选择安排服务的日期和时间');
      return;
    }
    const check = transitionRequestInput.safeParse(input);
    if (!check.success) {
      setFieldError(check.error.issues[0]?.message);
      return;
    }
    setFieldError(undefined);
    setFeedback(null);
    setBusy(true);
    const res = await transitionRequest(input);
    setBusy(false);
    setConfirmingComplete(false);
    if (res.ok) {
      detail.setData(res.data);
      setFeedback({ kind: 'ok', text: `操作成功：${ACTION_LABELS[step]}` });
      setRejecting(false);
      setReason('');
    } else {
      // Beside the buttons (where the tap was), not at the top of the page out of view.
      setFieldError(res.error.message);
    }
    // Refresh after each step: the station's colleagues may have moved it too.
    void detail.reload();
  };

  return (
    <PageRoot className="wk">
      <LoadView
        status={detail.status}
        error={detail.error}
        onRetry={detail.retry}
        errorTitle="求助没有加载出来"
      />
      {detail.data ? (
        <View style={{ paddingTop: '12px' }}>
          {feedback ? (
            <View className="sgz-notice sgz-notice--ok" role="status">
              <Text>✓ {feedback.text}</Text>
            </View>
          ) : null}
          {detail.data.request.familyConsentWithdrawn ? (
            // Above the details and the buttons: staff read it before taking a step.
            <View className="sgz-notice" role="alert">
              <Text>{CONSENT_WITHDRAWN_NOTICE}</Text>
            </View>
          ) : null}
          <RequestInfo request={detail.data.request} />
          <View className="sgz-card">
            <Text className="sgz-section-title">办理进度</Text>
            <Timeline history={detail.data.request.history} />
          </View>
          {renderActions(detail.data.request)}
          <View className="sgz-card wk__section">
            <Text className="sgz-section-title">需要长期跟进？</Text>
            <Text className="sgz-hint">问题复杂、需要多次服务时，可以转为个案管理。</Text>
            <Button
              block
              onClick={() =>
                void Taro.navigateTo({
                  url: caseOpenUrl({ source: 'resident_request', originId: detail.data?.request.id ?? id }),
                })
              }
            >
              开个案
            </Button>
          </View>
        </View>
      ) : null}
    </PageRoot>
  );

  function renderActions(request: RequestDto) {
    const actions = ORDER.filter((a) => request.staffActions?.includes(a));
    if (actions.length === 0)
      return (
        <View className="sgz-card">
          <Text className="sgz-hint">这条求助已办结，没有需要处理的步骤。</Text>
        </View>
      );
    return (
      <View className="sgz-card wk__section">
        <Text className="sgz-section-title">下一步</Text>
        {actions.includes('schedule') && !request.slot ? (
          <View>
            <Text className="wk__label">安排服务时间（北京时间）</Text>
            <Picker
              mode="date"
              value={day}
              start={beijingDay(now())}
              onChange={(e) => setDay(e.detail.value)}
            >
              <View className="sgz-input">
                <Text>{day || '选择日期'}</Text>
              </View>
            </Picker>
            <Picker mode="time" value={time} onChange={(e) => setTime(e.detail.value)}>
              <View className="sgz-input" style={{ marginTop: '8px' }}>
                <Text>{time || '选择时间'}</Text>
              </View>
            </Picker>
          </View>
        ) : null}
        {actions
          .filter((a) => a !== 'reject')
          .map((a) => (
            <Button
              key={a}
              type="primary"
              block
              disabled={busy}
              onClick={() => (a === 'complete' ? setConfirmingComplete(true) : void run(request, a))}
            >
              {ACTION_LABELS[a]}
            </Button>
          ))}
        {actions.includes('reject') && !rejecting ? (
          <Button block disabled={busy} onClick={() => setRejecting(true)}>
            {ACTION_LABELS.reject}…
          </Button>
        ) : null}
        {rejecting ? (
          <View>
            <Text className="wk__label">不予受理的原因（居民会看到）</Text>
            <Textarea
              className="sgz-textarea"
              value={reason}
              maxlength={MAX_REASON_CHARS}
              placeholder="例如：该需求不在本站服务范围，建议联系……"
              onInput={(e) => setReason(e.detail.value)}
            />
            <Button block disabled={busy} onClick={() => void run(request, 'reject')}>
              确认不予受理
            </Button>
            <Button block onClick={() => setRejecting(false)}>
              返回
            </Button>
          </View>
        ) : null}
        <FieldError message={fieldError} />
        <ConfirmDialog
          open={confirmingComplete && actions.includes('complete')}
          title="确认已完成这次服务吗？"
          lines={['完成后居民会收到通知，并可以评价这次服务；之后不能再改回服务中。']}
          warning={earlyWarning(request)}
          confirmText={ACTION_LABELS.complete}
          cancelText="先不完成"
          busy={busy}
          onConfirm={() => void run(request, 'complete')}
          onCancel={() => setConfirmingComplete(false)}
        />
      </View>
    );
  }

  /** 还没到预约时间: completing before the booked or scheduled time (allowed by arrangement). */
  function earlyWarning(request: RequestDto): string | undefined {
    const booked = bookedAt(request);
    if (!booked || new Date(booked).getTime() <= now().getTime()) return undefined;
    const when = request.scheduledAt
      ? formatWhen(request.scheduledAt)
      : request.slot
        ? formatSlot(request.slot)
        : formatWhen(booked);
    return `还没到预约时间（${when}）。如果已和居民约好提前服务，可以继续完成。`;
  }
}

function RequestInfo({ request }: { request: RequestDto }) {
  // Who asked (提出人, the name in their profile): only the station's own detail has it.
  const requester = request.requesterName ?? null;
  return (
    <View className="sgz-card wk__section">
      <View className="wk__row">
        <Text className="wk__item-title">{requestTitle(request)}</Text>
        <StatusBadge status={request.status} label={request.statusLabel} />
      </View>
      {request.slot ? (
        <Text>预约时段：{formatSlot(request.slot)}</Text>
      ) : (
        <Text>预约时段：无（无需预约）</Text>
      )}
      {request.scheduledAt ? <Text>安排时间：{formatWhen(request.scheduledAt)}</Text> : null}
      <Text>
        服务对象：
        {request.beneficiary
          ? `家人代办（居民的${RELATIONSHIP_LABELS[request.beneficiary.relationship]}：${request.beneficiary.name}，${
              request.familyConsentWithdrawn ? '授权已撤回' : '已确认同意'
            }）`
          : requester
            ? `居民本人（${requester}）`
            : '居民本人'}
      </Text>
      {request.requesterName !== undefined ? <Text>提出人：{requester ?? '未填写姓名'}</Text> : null}
      <Text>联系电话：{request.contactPhone}</Text>
      {/^[\d-]{7,}$/.test(request.contactPhone) ? (
        // The station's detail has the phone in full (lists and oversight get it masked: no call).
        <Button onClick={() => void Taro.makePhoneCall({ phoneNumber: request.contactPhone })}>
          拨打电话
        </Button>
      ) : null}
      <Text>需求：{request.description}</Text>
      <Text className="sgz-hint">提交于 {formatWhen(request.createdAt)}</Text>
    </View>
  );
}
