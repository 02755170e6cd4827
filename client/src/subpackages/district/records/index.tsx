import {
  FUNDING_SOURCES,
  MILESTONES,
  OPERATING_MODEL_LABELS,
  OPERATING_MODELS,
  RECORD_LIMITS,
  recordUploadDir,
  ROOM_KINDS,
  SPECIALTIES,
  STATION_STATUS_LABELS,
  STATION_STATUSES,
  updateStationRecordInput,
  type FundingLine,
  type FundingSource,
  type Milestone,
  type OperatingModel,
  type RoomKind,
  type Specialty,
  type StationRecordDto,
  type StationStatus,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useState } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLeaveGuard } from '../../../hooks/use-leave-guard';
import { useLoad } from '../../../hooks/use-load';
import { getStationRecord, listStationRecordHistory, updateStationRecord } from '../../../services/district';
import { listAllStations } from '../../../services/stations';
import { CAN_UPLOAD, MAX_DOCUMENT_BYTES, pickDocument, uploadFile } from '../../../services/storage';
import { districtRecordUrl } from '../../../utils/routes';
import { Choice, errorsOf, Field, MultiChoice, TextInput } from '../kit';
import { formatRecordValue, historyByline } from './format';
import '../../../components/staff-page.scss';
import '../district.scss';

/**
 * 站点档案: the bureau's record of a station (status, 一站一品 and rooms, operating model,
 * operator, agreement period, funding, the notice's milestones with their documents), its
 * editing (the whole card at the version read: a change by someone else in between is
 * refused and explained) and its history (who, when, before → after). Without `?stationId=`
 * the page lists the stations to choose from.
 */
export default function DistrictRecordsPage() {
  const stationId = useRouter().params.stationId;
  return (
    <PageRoot className="wk">
      <View className="dst">{stationId ? <StationRecord stationId={stationId} /> : <StationChooser />}</View>
    </PageRoot>
  );
}

/** Every station, grouped as the list groups them; one opens its record. */
function StationChooser() {
  const loader = useCallback(() => listAllStations(), []);
  const list = useLoad(loader, { isEmpty: (d) => d.total === 0 });
  return (
    <View>
      <View className="wk__header">
        <Text className="wk__title">站点档案</Text>
        <Text className="sgz-hint">
          选择一个社工站，查看和修改区民政局登记的建设状态、运营方式、资金来源和建设节点。
        </Text>
      </View>
      <LoadView
        status={list.status}
        error={list.error}
        onRetry={list.retry}
        loadingText="正在加载社工站列表…"
        errorTitle="社工站列表没有加载出来"
        empty={{ title: '还没有社工站' }}
      />
      {list.status === 'ready' && list.data
        ? list.data.groups.map((g) => (
            <View key={g.kind} className="sgz-card wk__section">
              <Text className="wk__item-title">{g.label}</Text>
              {g.items.map((s) => (
                <View
                  key={s.id}
                  className="dst__pick"
                  role="button"
                  onClick={() => void Taro.navigateTo({ url: districtRecordUrl(s.id) })}
                >
                  <Text>{s.unitName}社工站</Text>
                  <Text className="wk__more">档案 ›</Text>
                </View>
              ))}
            </View>
          ))
        : null}
    </View>
  );
}

const HISTORY_PAGE = 20;

function StationRecord({ stationId }: { stationId: string }) {
  const loader = useCallback(() => getStationRecord({ stationId }), [stationId]);
  const record = useLoad(loader);
  const historyLoader = useCallback(
    () => listStationRecordHistory({ stationId, limit: HISTORY_PAGE }),
    [stationId],
  );
  const history = useLoad(historyLoader, { isEmpty: (d) => d.items.length === 0 });
  const data = record.data?.record;
  /** The version this page just saved: the new form (a new key) starts with ✓ 已保存. */
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  return (
    <View>
      <LoadView
        status={record.status}
        error={record.error}
        onRetry={record.retry}
        loadingText="正在加载站点档案…"
        errorTitle="站点档案没有加载出来"
      />
      {data ? (
        <View>
          <View className="wk__header">
            <Text className="wk__title">{data.officialName}</Text>
            <Text className="sgz-hint">
              {data.unitName}
              {data.zoneName ? `（${data.zoneName}）` : ''}
              {data.updatedAt
                ? `。最近修改：${historyByline(data.updatedAt, data.updatedByName, null)}`
                : '。还没有修改过'}
            </Text>
          </View>
          <View className="dst__columns">
            <View className="dst__column">
              <RecordForm
                // A new version (saved here, or 刷新 after a conflict) starts the form again from it.
                key={data.version}
                record={data}
                justSaved={savedVersion === data.version}
                onSaved={(r) => {
                  setSavedVersion(r.version);
                  record.setData({ record: r });
                  void history.reload();
                }}
                onRefresh={() => {
                  record.retry();
                  void history.reload();
                }}
              />
            </View>
            <View className="dst__column">
              <View className="sgz-card wk__section">
                <Text className="wk__item-title">修改记录</Text>
                <LoadView
                  status={history.status}
                  error={history.error}
                  onRetry={history.retry}
                  loadingText="正在加载修改记录…"
                  errorTitle="修改记录没有加载出来"
                  empty={{ title: '还没有修改记录' }}
                  compact
                />
                {history.status === 'ready' && history.data
                  ? history.data.items.map((h) => (
                      <View key={h.id} className="wk__item">
                        <Text className="wk__item-title">
                          第 {h.version} 版：{historyByline(h.at, h.byName, h.byRole)}
                        </Text>
                        {h.changes.map((c) => (
                          <Text key={c.field} className="dst__change">
                            {c.label}：{formatRecordValue(c.field, c.before)} →{' '}
                            {formatRecordValue(c.field, c.after)}
                          </Text>
                        ))}
                      </View>
                    ))
                  : null}
                {history.data?.nextCursor ? (
                  <Text className="sgz-hint">只显示最近 {HISTORY_PAGE} 次修改</Text>
                ) : null}
              </View>
            </View>
          </View>
        </View>
      ) : null}
    </View>
  );
}

/** One funding source as typed. */
interface FundingRow {
  on: boolean;
  amount: string;
  note: string | null;
}

/** The form as typed. */
interface Form {
  status: StationStatus;
  specialty: Specialty | null;
  rooms: RoomKind[];
  operatingModel: OperatingModel | null;
  operatorName: string;
  operatorPhone: string;
  agreementFrom: string;
  agreementTo: string;
  funding: Record<FundingSource, FundingRow>;
  milestones: Record<Milestone, { doneOn: string; documents: string[] }>;
}

const formOf = (r: StationRecordDto): Form => {
  const funding = {} as Record<FundingSource, FundingRow>;
  for (const s of FUNDING_SOURCES) {
    const line = r.funding.find((f) => f.source === s);
    funding[s] = {
      on: !!line,
      amount: line?.amountYuan == null ? '' : String(line.amountYuan),
      note: line?.note ?? null,
    };
  }
  const milestones = {} as Form['milestones'];
  for (const m of MILESTONES) {
    const found = r.milestones.find((x) => x.milestone === m);
    milestones[m] = { doneOn: found?.doneOn ?? '', documents: found?.documents.map((d) => d.fileId) ?? [] };
  }
  return {
    status: r.status,
    specialty: r.specialty,
    rooms: [...r.rooms],
    operatingModel: r.operatingModel,
    operatorName: r.operatorName ?? '',
    operatorPhone: r.operatorPhone ?? '',
    agreementFrom: r.agreementFrom ?? '',
    agreementTo: r.agreementTo ?? '',
    funding,
    milestones,
  };
};

/** The funding sources ticked, in the list's order (the order errors are mapped back by). */
const fundingOn = (f: Form['funding']): FundingSource[] => FUNDING_SOURCES.filter((s) => f[s].on);

const orNull = (s: string): string | null => s.trim() || null;

/** What 保存 sends. */
const inputOf = (stationId: string, version: number, f: Form) => ({
  stationId,
  version,
  status: f.status,
  specialty: f.specialty,
  rooms: f.rooms,
  operatingModel: f.operatingModel,
  operatorName: orNull(f.operatorName),
  // Spaces typed inside a number (022 2532 1234) are not part of it.
  operatorPhone: f.operatorPhone.replace(/[\s\u3000]/g, '') || null,
  agreementFrom: orNull(f.agreementFrom),
  agreementTo: orNull(f.agreementTo),
  funding: fundingOn(f.funding).map(
    (s): FundingLine => ({
      source: s,
      amountYuan: f.funding[s].amount.trim() === '' ? null : Number(f.funding[s].amount.trim()),
      note: f.funding[s].note,
    }),
  ),
  milestones: Object.fromEntries(
    MILESTONES.map((m) => [
      m,
      { doneOn: orNull(f.milestones[m].doneOn), documents: f.milestones[m].documents },
    ]),
  ) as Record<Milestone, { doneOn: string | null; documents: string[] }>,
});

/** Error keys as the form shows them: a funding line's errors under its source. */
function formErrors(issues: Record<string, string>, f: Form): Record<string, string> {
  const on = fundingOn(f.funding);
  const out: Record<string, string> = {};
  for (const [key, message] of Object.entries(issues)) {
    const m = /^funding\.(\d+)\./.exec(key);
    const shown = m ? `funding.${on[Number(m[1])] ?? ''}` : key.replace(/\.documents(\.\d+)?$/, '.doneOn');
    if (!out[shown]) out[shown] = message;
  }
  return out;
}

const CONFLICT = '有人刚刚修改了这个社工站的档案，您的修改没有保存。请点“刷新”看到最新内容后，再重新修改。';

function RecordForm({
  record,
  justSaved,
  onSaved,
  onRefresh,
}: {
  record: StationRecordDto;
  justSaved: boolean;
  onSaved: (r: StationRecordDto) => void;
  onRefresh: () => void;
}) {
  const [saved, setSaved] = useState<Form>(() => formOf(record));
  const [form, setForm] = useState<Form>(saved);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(justSaved);
  const dirty = JSON.stringify(form) !== JSON.stringify(saved);
  useLeaveGuard(dirty, '刚才对站点档案的修改还没有保存。');

  const set = (patch: Partial<Form>, ...clear: string[]) => {
    setDone(false);
    setForm((f) => ({ ...f, ...patch }));
    const keys = clear.length > 0 ? clear : Object.keys(patch);
    setErrors((e) => {
      const next = { ...e };
      for (const k of keys) delete next[k];
      return next;
    });
  };
  const setFunding = (s: FundingSource, row: Partial<FundingRow>) =>
    set({ funding: { ...form.funding, [s]: { ...form.funding[s], ...row } } }, `funding.${s}`, 'funding');
  const setMilestone = (m: Milestone, doneOn: string) =>
    set(
      { milestones: { ...form.milestones, [m]: { ...form.milestones[m], doneOn } } },
      `milestones.${m}.doneOn`,
    );
  const setDocuments = (m: Milestone, documents: string[]) =>
    set(
      { milestones: { ...form.milestones, [m]: { ...form.milestones[m], documents } } },
      `milestones.${m}.doneOn`,
    );
  /** Links of the documents as last loaded (a new upload has none until saved). */
  const links = new Map(record.milestones.flatMap((x) => x.documents.map((d) => [d.fileId, d.url] as const)));

  const save = async () => {
    const check = updateStationRecordInput.safeParse(inputOf(record.stationId, record.version, form));
    if (!check.success) return setErrors(formErrors(errorsOf(check.error.issues), form));
    setBusy(true);
    setErrors({});
    setConflict(false);
    const res = await updateStationRecord(check.data);
    setBusy(false);
    if (!res.ok) {
      const details = res.error.details as { field?: unknown; reason?: unknown } | undefined;
      if (res.error.code === 'failed-precondition' && details?.reason === 'stale') return setConflict(true);
      const field = typeof details?.field === 'string' ? details.field : 'form';
      return setErrors(formErrors({ [field]: res.error.message }, form));
    }
    setSaved(form);
    setDone(true);
    onSaved(res.data.record);
  };

  const e = errors;
  return (
    <View className="sgz-card wk__section">
      <Field label="建设状态" error={e.status}>
        <Choice
          label="建设状态"
          options={STATION_STATUSES.map((s) => [s, STATION_STATUS_LABELS[s]] as const)}
          value={form.status}
          onChange={(status) => set({ status })}
        />
      </Field>
      <Field label="一站一品（特色服务）" hint="居民在社工站页面上看到" error={e.specialty}>
        <Choice
          label="一站一品（特色服务）"
          options={[[null, '暂不设置'] as const, ...SPECIALTIES.map((s) => [s, s] as const)]}
          value={form.specialty}
          onChange={(specialty) => set({ specialty })}
        />
      </Field>
      <Field label="活动场所（可多选）" hint="居民在社工站页面上看到" error={e.rooms}>
        <MultiChoice
          label="活动场所（可多选）"
          options={ROOM_KINDS}
          value={form.rooms}
          onChange={(rooms) => set({ rooms })}
        />
      </Field>
      <Field label="运营方式" error={e.operatingModel}>
        <Choice
          label="运营方式"
          options={[
            [null, '暂未确定'] as const,
            ...OPERATING_MODELS.map((m) => [m, OPERATING_MODEL_LABELS[m]] as const),
          ]}
          value={form.operatingModel}
          onChange={(operatingModel) => set({ operatingModel }, 'operatingModel', 'operatorName')}
        />
      </Field>
      <Field label="运营单位名称" error={e.operatorName}>
        <TextInput
          label="运营单位名称"
          value={form.operatorName}
          placeholder="承接的社会工作服务机构"
          onInput={(operatorName) => set({ operatorName })}
        />
      </Field>
      <Field label="运营单位联系电话" error={e.operatorPhone}>
        <TextInput
          label="运营单位联系电话"
          value={form.operatorPhone}
          maxlength={20}
          placeholder="11 位手机号，或带区号的座机号"
          onInput={(operatorPhone) => set({ operatorPhone })}
        />
      </Field>
      <Field label="协议开始日期" error={e.agreementFrom}>
        <TextInput
          label="协议开始日期"
          value={form.agreementFrom}
          maxlength={10}
          placeholder="如 2022-07-01"
          onInput={(agreementFrom) => set({ agreementFrom }, 'agreementFrom', 'agreementTo')}
        />
      </Field>
      <Field label="协议结束日期" error={e.agreementTo}>
        <TextInput
          label="协议结束日期"
          value={form.agreementTo}
          maxlength={10}
          placeholder="如 2025-06-30"
          onInput={(agreementTo) => set({ agreementTo }, 'agreementFrom', 'agreementTo')}
        />
      </Field>
      <Field label="资金来源（可多选）" hint="金额为每年的金额（元），不知道可以不填" error={e.funding}>
        {FUNDING_SOURCES.map((s) => {
          const row = form.funding[s];
          return (
            <View key={s} className="wk__section">
              <MultiChoice
                label={`资金来源：${s}`}
                options={[s]}
                value={row.on ? [s] : []}
                onChange={(v) => setFunding(s, { on: v.length > 0 })}
              />
              {row.on ? (
                <TextInput
                  label={`${s}金额（元/年）`}
                  type="digit"
                  value={row.amount}
                  maxlength={12}
                  placeholder={`${s}金额（元/年）`}
                  onInput={(amount) => setFunding(s, { amount })}
                />
              ) : null}
              <FieldError message={e[`funding.${s}`]} />
            </View>
          );
        })}
      </Field>
      <Text className="wk__item-title">建设节点（通知要求的完成时间）</Text>
      {MILESTONES.map((m) => {
        const shown = record.milestones.find((x) => x.milestone === m);
        return (
          <Field
            key={m}
            label={`${shown?.label ?? m}（应于 ${shown?.due ?? ''} 前完成）`}
            hint={shown ? `现状：${shown.standingLabel}` : undefined}
            error={e[`milestones.${m}.doneOn`] ?? e[`milestones.${m}`]}
          >
            <TextInput
              label={`${shown?.label ?? m}完成日期`}
              value={form.milestones[m].doneOn}
              maxlength={10}
              placeholder="完成日期，如 2022-05-20；未完成请留空"
              onInput={(v) => setMilestone(m, v)}
            />
            <Documents
              fileIds={form.milestones[m].documents}
              links={links}
              onRemove={(id) =>
                setDocuments(
                  m,
                  form.milestones[m].documents.filter((d) => d !== id),
                )
              }
            />
            {form.milestones[m].documents.length < RECORD_LIMITS.maxDocuments ? (
              <DocumentUpload
                stationId={record.stationId}
                milestone={m}
                onUploaded={(id) => setDocuments(m, [...form.milestones[m].documents, id])}
              />
            ) : null}
          </Field>
        );
      })}
      {conflict ? (
        <View className="sgz-notice" role="alert">
          <Text>⚠ {CONFLICT}</Text>
          <Button onClick={onRefresh}>刷新</Button>
        </View>
      ) : null}
      <FieldError message={e.form} />
      {Object.keys(e).length > 0 && !e.form ? (
        <Text className="sgz-hint">请按上面标有 ⚠ 的提示修改后再保存</Text>
      ) : null}
      <Button type="primary" block loading={busy} disabled={busy} onClick={() => void save()}>
        保存
      </Button>
      {done ? (
        <View className="sgz-notice sgz-notice--ok" role="status">
          <Text>✓ 已保存，修改记录已更新</Text>
        </View>
      ) : null}
    </View>
  );
}

/** Opens a document through its short-lived link (a picture in the viewer, else the browser / WeChat). */
function openDocument(url: string) {
  if (/\.(jpe?g|png|webp|gif)(\?|$)/i.test(url)) {
    void Taro.previewImage({ urls: [url], current: url });
    return;
  }
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank', 'noopener');
    return;
  }
  void Taro.downloadFile({ url }).then((res) =>
    Taro.openDocument({ filePath: res.tempFilePath, showMenu: true }),
  );
}

/** A unique name in the station's upload folder: `<milestone>-<time>-<random>.<ext>`. */
export function documentName(m: Milestone, picked: string, now: number, random: () => number): string {
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(picked)?.[1]?.toLowerCase() ?? 'jpg';
  return `${m}-${now.toString(36)}-${Math.floor(random() * 36 ** 6).toString(36)}.${ext}`;
}

/**
 * A milestone's documents as the form holds them: a saved one opens through its link, a new
 * upload says it opens once saved, a file storage no longer has says so; each can be removed
 * (the removal counts once 保存 is pressed).
 */
function Documents({
  fileIds,
  links,
  onRemove,
}: {
  fileIds: string[];
  links: Map<string, string | null>;
  onRemove: (fileId: string) => void;
}) {
  if (fileIds.length === 0) return <Text className="sgz-hint">还没有证明材料</Text>;
  return (
    <View>
      {fileIds.map((id, i) => {
        const url = links.get(id);
        return (
          <View key={id} className="dst__row-line">
            {url ? (
              <View className="dst__link" role="link" onClick={() => openDocument(url)}>
                <Text>查看证明材料 {i + 1}</Text>
              </View>
            ) : (
              <Text className="sgz-hint">
                证明材料 {i + 1}
                {links.has(id) ? '（文件已不在存储中）' : '（新上传，保存后可查看）'}
              </Text>
            )}
            <Button onClick={() => onRemove(id)}>移除材料 {i + 1}</Button>
          </View>
        );
      })}
    </View>
  );
}

/**
 * Uploads a scan or photo of a milestone's document to the station's folder
 * (`district/stations/<id>/`, the only one the function accepts). The H5 build has no
 * upload for it (the emulator's gateway takes browser uploads under `outbox/` only): it
 * says to upload in the mini-program.
 */
function DocumentUpload({
  stationId,
  milestone,
  onUploaded,
}: {
  stationId: string;
  milestone: Milestone;
  onUploaded: (fileId: string) => void;
}) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!CAN_UPLOAD) return <Text className="sgz-hint">证明材料请在微信小程序中上传（网页版不能上传）</Text>;
  const add = async (from: 'camera' | 'chat') => {
    setError(null);
    const picked = await pickDocument(from);
    if (!picked.ok) return setError(picked.error.message);
    const file = picked.data;
    if (!file) return; // cancelled
    if (file.size > MAX_DOCUMENT_BYTES)
      return setError(`文件太大了（超过 ${MAX_DOCUMENT_BYTES / 1024 / 1024} MB），请压缩后或拍照上传`);
    setBusy(true);
    const name = documentName(milestone, file.name || file.path, Date.now(), Math.random);
    const up = await uploadFile(`${recordUploadDir(stationId)}${name}`, file);
    setBusy(false);
    if (!up.ok) return setError('证明材料上传没有成功，请检查网络后重新上传');
    onUploaded(up.data.fileID);
  };
  return (
    <View>
      <View className="dst__row-line">
        <Button loading={busy} disabled={busy} onClick={() => void add('camera')}>
          拍照或选图上传
        </Button>
        <Button disabled={busy} onClick={() => void add('chat')}>
          从聊天选文件
        </Button>
      </View>
      <Text className="sgz-hint">上传后请点“保存”，证明材料才会记入档案</Text>
      <FieldError message={error ?? undefined} />
    </View>
  );
}
