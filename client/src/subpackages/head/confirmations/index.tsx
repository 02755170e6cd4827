import type { StationSessionItem, TrainingDto } from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { ListFooter } from '../../../components/ListFooter';
import { StaffStationPage } from '../../../components/StaffStationPage';
import { LoadView } from '../../../components/StateView';
import { ReasonDialog } from '../../../components/supervision/ReasonDialog';
import { SessionCard } from '../../../components/supervision/SessionCard';
import { useStationNames } from '../../../components/supervision/stations';
import { TrainingCard } from '../../../components/supervision/TrainingCard';
import { pagedStatus } from '../../../hooks/use-paged-list';
import { usePagedPage } from '../../../hooks/use-paged-page';
import { supervision } from '../../../services/supervision';
import { sessionDetailUrl } from '../../../utils/routes';
import '../../../components/staff-page.scss';
import '../../../components/supervision/sv.scss';

/** Items per page of each list. */
export const CONFIRM_PAGE = 10;

/**
 * 待确认 (station head, issue 12): the supervision sessions that list this
 * station and the training records (学时) of its workers, waiting for the head.
 * 确认 counts them; 有异议 (a session) or 退回 (a record) needs a reason, which
 * the supervisor or the worker sees. Only confirmed sessions count for the station.
 */
export default function HeadConfirmationsPage() {
  return (
    <StaffStationPage title="待确认的督导与学时" errorTitle="待确认记录没有加载出来">
      {(stationId) => <Confirmations stationId={stationId} />}
    </StaffStationPage>
  );
}

type Feedback = { kind: 'ok' | 'error'; text: string } | null;
type Refusal = { what: 'session'; id: string } | { what: 'training'; id: string; name: string } | null;

/** Both lists (exported for tests). */
export function Confirmations({ stationId }: { stationId: string }) {
  const sessionsPage = useCallback(
    async (cursor: string | null, limit: number) => {
      const res = await supervision.listStationSessions({ stationId, status: 'pending', cursor, limit });
      if (!res.ok) return res;
      return {
        ok: true as const,
        data: {
          items: res.data.items.map((i) => ({ ...i, id: i.session.id })),
          nextCursor: res.data.nextCursor,
        },
      };
    },
    [stationId],
  );
  const trainingPage = useCallback(
    (cursor: string | null, limit: number) =>
      supervision.listStationTraining({ stationId, status: 'pending', cursor, limit }),
    [stationId],
  );
  const sessions = usePagedPage<StationSessionItem & { id: string }>(sessionsPage, CONFIRM_PAGE);
  const training = usePagedPage<TrainingDto>(trainingPage, CONFIRM_PAGE);
  const stationName = useStationNames();
  const [busy, setBusy] = useState(false);
  const [feedback, setFeedback] = useState<Feedback>(null);
  const [refusing, setRefusing] = useState<Refusal>(null);
  const [refuseError, setRefuseError] = useState<string | null>(null);

  const done = (ok: boolean, text: string, list: 'session' | 'training') => {
    setFeedback({ kind: ok ? 'ok' : 'error', text });
    void (list === 'session' ? sessions : training).reload({ quiet: true });
  };

  const confirmSession = async (id: string) => {
    setBusy(true);
    setFeedback(null);
    const res = await supervision.confirmSession({ sessionId: id });
    setBusy(false);
    done(
      res.ok,
      res.ok ? '已确认这次督导，计入本站督导时长' : `没有确认成功：${res.error.message}`,
      'session',
    );
  };
  const confirmTraining = async (r: TrainingDto) => {
    setBusy(true);
    setFeedback(null);
    const res = await supervision.confirmTraining({ recordId: r.id });
    setBusy(false);
    done(
      res.ok,
      res.ok ? `已确认${r.workerName ?? '社工'}的学时` : `没有确认成功：${res.error.message}`,
      'training',
    );
  };
  const refuse = async (reason: string) => {
    if (!refusing) return;
    setBusy(true);
    setRefuseError(null);
    const res =
      refusing.what === 'session'
        ? await supervision.disputeSession({ sessionId: refusing.id, reason })
        : await supervision.returnTraining({ recordId: refusing.id, reason });
    setBusy(false);
    if (!res.ok && res.error.code === 'invalid-argument') return setRefuseError(res.error.message);
    const what = refusing.what;
    setRefusing(null);
    done(
      res.ok,
      res.ok
        ? what === 'session'
          ? '已提出异议，督导会看到原因；这次督导不计入本站时长'
          : '已退回，社工会看到原因'
        : `没有保存成功：${res.error.message}`,
      what,
    );
  };

  return (
    <View>
      {feedback ? (
        <View
          className={`sgz-notice${feedback.kind === 'ok' ? ' sgz-notice--ok' : ''}`}
          role={feedback.kind === 'ok' ? 'status' : 'alert'}
        >
          <Text>
            {feedback.kind === 'ok' ? '✓ ' : '! '}
            {feedback.text}
          </Text>
        </View>
      ) : null}
      <View className="wk__header">
        <Text className="wk__title">督导记录</Text>
        <Text className="sgz-hint">{'\n'}确认后，这次督导的时长计入本站（每站各计一次）。</Text>
      </View>
      <LoadView
        status={pagedStatus(sessions.state)}
        error={sessions.state.status === 'error' ? sessions.state.error : undefined}
        onRetry={() => void sessions.reload()}
        loadingText="正在加载督导记录…"
        errorTitle="督导记录没有加载出来"
        empty={{ symbol: '✓', title: '没有等待确认的督导记录' }}
      />
      {sessions.state.status === 'ready' ? (
        <View className="sv-list">
          {sessions.state.items.map((i) => (
            <SessionCard
              key={i.id}
              session={i.session}
              stationName={stationName}
              showSupervisor
              showStations={false}
            >
              <View className="sv-actions">
                <Button type="primary" disabled={busy} onClick={() => void confirmSession(i.id)}>
                  确认
                </Button>
                <Button disabled={busy} onClick={() => setRefusing({ what: 'session', id: i.id })}>
                  有异议…
                </Button>
                <Button onClick={() => void Taro.navigateTo({ url: sessionDetailUrl(i.id) })}>详情</Button>
              </View>
            </SessionCard>
          ))}
          <ListFooter
            count={sessions.state.items.length}
            hasMore={sessions.state.nextCursor !== null}
            more={sessions.state.more}
            onMore={() => void sessions.loadMore()}
          />
        </View>
      ) : null}

      <View className="wk__header">
        <Text className="wk__title">学时记录</Text>
      </View>
      <LoadView
        status={pagedStatus(training.state)}
        error={training.state.status === 'error' ? training.state.error : undefined}
        onRetry={() => void training.reload()}
        loadingText="正在加载学时记录…"
        errorTitle="学时记录没有加载出来"
        empty={{ symbol: '✓', title: '没有等待确认的学时记录' }}
      />
      {training.state.status === 'ready' ? (
        <View className="sv-list">
          {training.state.items.map((r) => (
            <TrainingCard key={r.id} record={r} showWorker>
              <View className="sv-actions">
                <Button type="primary" disabled={busy} onClick={() => void confirmTraining(r)}>
                  确认
                </Button>
                <Button
                  disabled={busy}
                  onClick={() => setRefusing({ what: 'training', id: r.id, name: r.workerName ?? '社工' })}
                >
                  退回…
                </Button>
              </View>
            </TrainingCard>
          ))}
          <ListFooter
            count={training.state.items.length}
            hasMore={training.state.nextCursor !== null}
            more={training.state.more}
            onMore={() => void training.loadMore()}
          />
        </View>
      ) : null}

      <ReasonDialog
        key={refusing ? `${refusing.what}-${refusing.id}` : 'none'}
        open={refusing !== null}
        title={refusing?.what === 'training' ? `退回${refusing.name}的学时记录吗？` : '对这次督导有异议吗？'}
        lines={
          refusing?.what === 'training'
            ? ['退回后不计入学时，社工会看到原因，可以重新记录。']
            : ['有异议的督导不计入本站督导时长，督导会看到原因。']
        }
        label={refusing?.what === 'training' ? '退回原因' : '异议原因'}
        confirmText={refusing?.what === 'training' ? '退回' : '提出异议'}
        busy={busy}
        error={refuseError}
        onConfirm={(reason) => void refuse(reason)}
        onCancel={() => {
          setRefusing(null);
          setRefuseError(null);
        }}
      />
    </View>
  );
}
