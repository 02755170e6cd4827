import {
  HOUSEHOLD_RELATIONSHIPS,
  LIVING_SITUATIONS,
  RISK_TIERS,
  SEXES,
  TARGET_CATEGORIES,
  type PersonDetail,
  type Result,
  type WireError,
} from '@sgz/shared';
import { Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { LoadView } from '../../../components/StateView';
import { useLoad } from '../../../hooks/use-load';
import { NO_STATION, useStaffStation } from '../../../hooks/use-staff-station';
import {
  createHousehold,
  createPerson,
  getPerson,
  listCommunities,
  updatePerson,
} from '../../../services/files';
import { personUrl } from '../../../utils/routes';
import { CheckChips, Chips } from '../Chips';
import { Field, TextArea, TextInput } from '../Field';
import { fieldOfError, newId, reasonOf, STALE_MESSAGE, type Errors } from '../form-kit';
import {
  clearPersonDraft,
  draftKey,
  draftOfPerson,
  emptyPersonDraft,
  loadPersonDraft,
  savePersonDraft,
  type PersonDraft,
} from './draft';
import {
  createInputOf,
  fieldOfPath,
  hasHousehold,
  householdInputOf,
  updateInputOf,
  validateCreate,
  validateUpdate,
} from './inputs';
import '../../../components/staff-page.scss';
import '../person.scss';

/** Household fields: a change after the household was made starts a new one (its id is taken). */
const HOUSEHOLD_FIELDS: (keyof PersonDraft)[] = [
  'community',
  'address',
  'contactName',
  'contactPhone',
  'contactRelationship',
];

/**
 * 新建档案 (no id) or 编辑档案 (`?id=`). The draft is saved on every change, so a closed
 * form reopens as it was; a new file's ids are made on the phone once, so a retry makes
 * no second file. Checked with the shared schemas before sending; the server's message
 * goes beside the field it names.
 */
export default function PersonFormPage() {
  const id = useRouter().params.id || undefined;
  const station = useStaffStation();
  const baseLoader = useCallback(
    async (): Promise<Result<{ person: PersonDetail } | null>> =>
      id ? getPerson({ personId: id }) : { ok: true, data: null },
    [id],
  );
  const base = useLoad(baseLoader);
  const ready = station.status === 'ready' && station.data && base.status === 'ready';
  return (
    <PageRoot className="wk">
      <View className="wk__header">
        <Text className="wk__title">{id ? '编辑档案' : '新建档案'}</Text>
      </View>
      <LoadView
        status={station.status}
        error={station.error}
        onRetry={station.retry}
        errorTitle="表单没有加载出来"
        empty={NO_STATION}
      />
      {station.status === 'ready' ? (
        <LoadView
          status={base.status}
          error={base.error}
          onRetry={base.retry}
          errorTitle="档案没有加载出来"
        />
      ) : null}
      {ready && station.data && base.data !== undefined ? (
        <PersonForm stationId={station.data} base={base.data ? base.data.person : null} />
      ) : null}
    </PageRoot>
  );
}

/** The form itself (exported for tests). */
export function PersonForm({ stationId, base: loaded }: { stationId: string; base: PersonDetail | null }) {
  const key = draftKey(loaded?.id);
  const [base, setBase] = useState(loaded);
  const [draft, setDraft] = useState<PersonDraft>(
    () => loadPersonDraft(key) ?? (loaded ? draftOfPerson(loaded) : emptyPersonDraft()),
  );
  const [errors, setErrors] = useState<Errors>({});
  const [general, setGeneral] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [sending, setSending] = useState(false);
  const busy = useRef(false);
  const communitiesLoader = useCallback(() => listCommunities({ stationId }), [stationId]);
  const communities = useLoad(communitiesLoader);

  useEffect(() => savePersonDraft(key, draft), [key, draft]);

  const update = (patch: Partial<PersonDraft>) => {
    setDraft((d) => {
      const next = { ...d, ...patch };
      if (!base && d.householdDone && HOUSEHOLD_FIELDS.some((f) => f in patch)) {
        next.householdId = newId('hh');
        next.householdDone = false;
      }
      return next;
    });
    setErrors((e) => {
      const n = { ...e };
      for (const k of Object.keys(patch)) delete n[k];
      return n;
    });
  };

  const showServerError = (e: WireError) => {
    const reason = reasonOf(e);
    if (reason === 'stale') {
      setStale(true);
      return;
    }
    const raw = fieldOfError(e);
    let field = raw ? fieldOfPath(raw.split('.')) : null;
    if (reason === 'consent-required') field = 'categories';
    if (reason === 'duplicate-person') field = 'idNumber';
    if (field) setErrors((x) => ({ ...x, [field]: e.message }));
    else setGeneral(e.message);
  };

  const refresh = async () => {
    if (!base) return;
    const res = await getPerson({ personId: base.id });
    if (!res.ok) {
      setGeneral(res.error.message);
      return;
    }
    // The newer file becomes the base; what was typed stays.
    setBase(res.data.person);
    setDraft((d) => ({ ...d, rev: res.data.person.rev }));
    setStale(false);
  };

  const submit = async () => {
    if (busy.current) return;
    setGeneral(null);
    const found = base ? validateUpdate(draft, base) : validateCreate(draft, stationId);
    setErrors(found);
    if (Object.keys(found).length > 0) {
      setGeneral('请按提示修改后再保存');
      return;
    }
    busy.current = true;
    setSending(true);
    try {
      if (base) {
        const res = await updatePerson(updateInputOf(draft, base) as Parameters<typeof updatePerson>[0]);
        if (!res.ok) return showServerError(res.error);
        clearPersonDraft(key);
        void Taro.showToast({ title: '已保存', icon: 'success' });
        void Taro.navigateBack();
        return;
      }
      if (hasHousehold(draft) && !draft.householdDone) {
        const hh = await createHousehold(
          householdInputOf(draft, stationId) as Parameters<typeof createHousehold>[0],
        );
        if (!hh.ok) return showServerError(hh.error);
        setDraft((d) => ({ ...d, householdDone: true }));
      }
      const res = await createPerson(createInputOf(draft, stationId) as Parameters<typeof createPerson>[0]);
      if (!res.ok) return showServerError(res.error);
      clearPersonDraft(key);
      void Taro.redirectTo({ url: personUrl(res.data.person.id) });
    } finally {
      busy.current = false;
      setSending(false);
    }
  };

  const list = communities.data?.communities ?? [];
  return (
    <View className="pf-form">
      {stale ? (
        <View className="sgz-notice" role="alert">
          <Text>⚠ {STALE_MESSAGE}</Text>
          <Button onClick={() => void refresh()}>刷新（保留已填写的内容）</Button>
        </View>
      ) : null}
      <Field name="name" label="姓名" error={errors.name}>
        <TextInput label="姓名" value={draft.name} onChange={(name) => update({ name })} />
      </Field>
      <Field name="sex" label="性别" error={errors.sex}>
        <Chips label="" options={SEXES} value={draft.sex} onChange={(sex) => update({ sex })} />
      </Field>
      <Field name="birthDate" label="出生日期（如 1948-03-15）" error={errors.birthDate}>
        <TextInput
          label="出生日期"
          value={draft.birthDate}
          placeholder="年-月-日"
          onChange={(birthDate) => update({ birthDate })}
        />
      </Field>
      <Field name="birthYear" label="或仅出生年份" error={errors.birthYear}>
        <TextInput
          label="出生年份"
          type="number"
          value={draft.birthYear}
          onChange={(birthYear) => update({ birthYear })}
        />
      </Field>
      <Field name="idNumber" label="身份证号（选填）" error={errors.idNumber}>
        <TextInput
          label="身份证号"
          type="idcard"
          value={draft.idNumber}
          onChange={(idNumber) => update({ idNumber })}
        />
      </Field>
      <Field name="phone" label="联系电话（选填）" error={errors.phone}>
        <TextInput
          label="联系电话"
          type="number"
          value={draft.phone}
          onChange={(phone) => update({ phone })}
        />
      </Field>
      <Field name="community" label="社区/村" error={errors.community}>
        {communities.status === 'ready' && list.length === 0 ? (
          <Text className="sgz-hint">本站还没有设置社区/村列表，请站长先在站长工作台设置</Text>
        ) : null}
        <LoadView
          compact
          status={communities.status}
          error={communities.error}
          onRetry={communities.retry}
          errorTitle="社区列表没有加载出来"
        />
        <Chips
          label=""
          options={list}
          value={draft.community}
          onChange={(community) => update({ community })}
        />
      </Field>
      {base ? null : (
        <View>
          <Field name="address" label="详细地址（楼、单元、门牌）" error={errors.address}>
            <TextInput label="详细地址" value={draft.address} onChange={(address) => update({ address })} />
          </Field>
          <Field name="relationship" label="与户主关系" error={errors.relationship}>
            <Chips
              label=""
              options={HOUSEHOLD_RELATIONSHIPS}
              value={draft.relationship}
              onChange={(relationship) => update({ relationship })}
            />
          </Field>
          <Field name="contactName" label="家庭联系人姓名（选填）" error={errors.contactName}>
            <TextInput
              label="联系人姓名"
              value={draft.contactName}
              onChange={(contactName) => update({ contactName })}
            />
          </Field>
          <Field name="contactPhone" label="家庭联系人电话" error={errors.contactPhone}>
            <TextInput
              label="联系人电话"
              type="number"
              value={draft.contactPhone}
              onChange={(contactPhone) => update({ contactPhone })}
            />
          </Field>
          <Field
            name="contactRelationship"
            label="联系人与户主关系（选填）"
            error={errors.contactRelationship}
          >
            <TextInput
              label="联系人与户主关系"
              value={draft.contactRelationship}
              onChange={(contactRelationship) => update({ contactRelationship })}
            />
          </Field>
        </View>
      )}
      <Field name="livingSituation" label="居住情况" error={errors.livingSituation}>
        <Chips
          label=""
          options={LIVING_SITUATIONS}
          value={draft.livingSituation}
          onChange={(livingSituation) => update({ livingSituation })}
        />
      </Field>
      <Field name="risk" label="风险等级（决定走访频次）" error={errors.risk}>
        <Chips label="" options={RISK_TIERS} value={draft.risk} onChange={(risk) => update({ risk })} />
      </Field>
      <Field
        name="categories"
        label="服务对象类别（可多选；低保、残疾等需先记录本人同意）"
        error={errors.categories}
      >
        <CheckChips
          label="服务对象类别"
          options={TARGET_CATEGORIES}
          value={draft.categories}
          onChange={(categories) => update({ categories })}
        />
      </Field>
      {base?.keep.health.allowed ? (
        <Field name="healthNotes" label="健康状况" error={errors.healthNotes}>
          <TextArea
            label="健康状况"
            value={draft.healthNotes}
            onChange={(healthNotes) => update({ healthNotes })}
          />
        </Field>
      ) : (
        <Text className="sgz-hint">健康状况：仅本人同意后可记录</Text>
      )}
      <Field name="notes" label="备注（选填）" error={errors.notes}>
        <TextArea label="备注" value={draft.notes} onChange={(notes) => update({ notes })} />
      </Field>
      <FieldError message={general ?? errors._} />
      <View className="pf-actions">
        <Button type="primary" block loading={sending} onClick={() => void submit()}>
          {sending ? '正在保存…' : '保存档案'}
        </Button>
      </View>
    </View>
  );
}
