import {
  createRequestInput,
  type CreateRequestInput,
  type ListServiceItemsOutput,
  type ServiceItemDto,
  type Result,
  type SlotDto,
} from '@sgz/shared';
import Taro from '@tarojs/taro';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLoad } from '../../../hooks/use-load';
import { isTransportError } from '../../../services/call';
import { acceptPrivacyNotice } from '../../../services/accounts';
import { createRequest, listServiceItems, listSlots } from '../../../services/requests';
import { getStation } from '../../../services/stations';
import { askStatusSubscription } from '../../../utils/subscribe';
import { newRequestId } from '../../../utils/request-format';
import {
  clearDraft,
  draftFromLast,
  loadDraft,
  loadMyStation,
  OTHER,
  saveDraft,
  saveLastRequest,
  saveMyStation,
  type RequestDraft,
} from './draft';

/** Fields that can carry an inline error. */
export type FieldName =
  | 'choice'
  | 'area'
  | 'description'
  | 'phone'
  | 'slot'
  | 'forWhom'
  | 'relationship'
  | 'name'
  | 'consent';

/** Inline errors per field. */
export type FieldErrors = Partial<Record<FieldName, string>>;

/** The station's items and its name, as loaded. */
export interface StationItems {
  stationName: string;
  data: ListServiceItemsOutput;
}

/** Slots of the chosen bookable item; `full`: offered after 名额已满 (`details.nextSlots`). */
export interface SlotChoices {
  slots: SlotDto[];
  full: boolean;
}

/** What happened to the last submit. */
export type SubmitState =
  | { status: 'idle' }
  | { status: 'sending' }
  | { status: 'error'; message: string; hint: string };

/** The function asked for the privacy notice before storing the request (version to accept). */
export type PrivacyState =
  | { status: 'none' }
  | { status: 'needed'; version: string }
  | { status: 'accepting'; version: string };

/** How many upcoming slots to offer. */
const SLOTS_SHOWN = 12;

/** Maps a zod / server field path to the form field showing its message. */
function fieldOf(path: readonly (string | number)[]): FieldName | null {
  const [head, sub] = path;
  switch (head) {
    case 'itemId':
      return 'choice';
    case 'area':
      return 'area';
    case 'description':
      return 'description';
    case 'contactPhone':
      return 'phone';
    case 'slotId':
      return 'slot';
    case 'forWhom':
      return 'forWhom';
    case 'beneficiary':
      return sub === 'relationship' || sub === 'name' || sub === 'consent' ? sub : 'name';
    default:
      return null;
  }
}

/** The createRequest input of a draft (empty choices left out, so the schema says what is missing). */
export function inputOf(draft: RequestDraft, stationId: string): Record<string, unknown> {
  const item = draft.choice && draft.choice !== OTHER ? draft.choice : undefined;
  return {
    requestId: draft.requestId,
    stationId,
    ...(item ? { itemId: item } : {}),
    ...(draft.choice === OTHER && draft.area ? { area: draft.area } : {}),
    description: draft.description,
    contactPhone: draft.phone,
    ...(draft.slot ? { slotId: draft.slot.id } : {}),
    forWhom: draft.forWhom,
    ...(draft.forWhom === 'family'
      ? {
          beneficiary: {
            ...(draft.relationship ? { relationship: draft.relationship } : {}),
            name: draft.name,
            consent: draft.consent,
          },
        }
      : {}),
  };
}

/** Checks a draft with the shared schema plus the form's own rules (an item or 其他需求; a slot when bookable). */
export function validate(draft: RequestDraft, stationId: string, item: ServiceItemDto | null): FieldErrors {
  const errors: FieldErrors = {};
  if (!draft.choice) errors.choice = '请选择服务项目，或选择“其他需求”';
  const check = createRequestInput.safeParse(inputOf(draft, stationId));
  if (!check.success) {
    for (const issue of check.error.issues) {
      let field = fieldOf(issue.path);
      if (field === 'area' && !draft.choice) field = 'choice';
      if (field && !errors[field]) errors[field] = issue.message;
    }
  }
  if (item?.bookable && !draft.slot && !errors.slot) errors.slot = '请选择预约时段';
  return errors;
}

/**
 * State and actions of the request form: the station (parameter, else the
 * remembered one), its items, slots of a bookable item, the draft (saved on
 * every change, with its request id) and the submit.
 */
export function useRequestForm(stationParam: string | undefined, onCreated: (id: string) => void) {
  const [draft, setDraft] = useState<RequestDraft>(() => {
    const saved = loadDraft();
    const stationId = stationParam || saved?.stationId || loadMyStation();
    if (saved && (!stationParam || saved.stationId === stationParam)) return { ...saved, stationId };
    if (saved) {
      // Another station than the draft's: keep what was typed, choose the item and slot again.
      return { ...saved, stationId, choice: null, area: null, slot: null };
    }
    // A new request starts from the last one sent (station, item, for whom, phone).
    return draftFromLast(stationId ?? null);
  });
  const [choosingStation, setChoosingStation] = useState(!draft.stationId);
  const [submit, setSubmit] = useState<SubmitState>({ status: 'idle' });
  const [tried, setTried] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [privacy, setPrivacy] = useState<PrivacyState>({ status: 'none' });
  const sending = useRef(false);
  /** The subscribe prompt of the 同意并继续 tap, for the resubmission that follows it. */
  const askedOnAccept = useRef<ReturnType<typeof askStatusSubscription> | null>(null);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  useEffect(() => saveDraft(draft), [draft]);

  const stationId = draft.stationId;
  const itemsLoader = useCallback(async (): Promise<Result<StationItems>> => {
    if (!stationId) return { ok: false, error: { code: 'failed-precondition', message: '请先选择社工站' } };
    const [res, st] = await Promise.all([listServiceItems({ stationId }), getStation({ id: stationId })]);
    if (!res.ok) return res;
    return { ok: true, data: { stationName: st.ok ? st.data.officialName : '社工站', data: res.data } };
  }, [stationId]);
  const items = useLoad(itemsLoader);

  const itemList = items.data ? items.data.data.items.filter((i) => i.active) : [];
  const item = itemList.find((i) => i.id === draft.choice) ?? null;
  const bookableId = item?.bookable ? item.id : null;
  // A remembered item the station no longer offers is chosen again.
  const staleChoice =
    !!items.data && !!draft.choice && draft.choice !== OTHER && !itemList.some((i) => i.id === draft.choice);

  // Only rendered for a bookable item: without one, nothing is asked.
  const slotsLoader = useCallback(async (): Promise<Result<SlotChoices>> => {
    if (!stationId || !bookableId) return { ok: true, data: { slots: [], full: false } };
    const res = await listSlots({ stationId, itemId: bookableId, limit: SLOTS_SHOWN });
    return res.ok ? { ok: true, data: { slots: res.data.slots, full: false } } : res;
  }, [stationId, bookableId]);
  const slots = useLoad(slotsLoader);
  const { setData: setSlots } = slots;

  const update = useCallback((patch: Partial<RequestDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setServerErrors((e) => {
      const next = { ...e };
      for (const key of Object.keys(patch)) {
        const field = (key === 'slot' ? 'slot' : key) as FieldName;
        delete next[field];
      }
      return next;
    });
  }, []);

  useEffect(() => {
    if (staleChoice) update({ choice: null, slot: null });
  }, [staleChoice, update]);

  const chooseItem = useCallback(
    (choice: string) => update({ choice, slot: null, ...(choice === OTHER ? {} : { area: null }) }),
    [update],
  );

  const chooseStation = useCallback(
    (id: string) => {
      if (id !== draft.stationId) update({ stationId: id, choice: null, area: null, slot: null });
      saveMyStation(id);
      setChoosingStation(false);
    },
    [draft.stationId, update],
  );

  const errors: FieldErrors =
    tried && stationId ? { ...validate(draft, stationId, item), ...serverErrors } : serverErrors;

  const send = useCallback(async () => {
    if (sending.current || !stationId) return;
    setTried(true);
    const problems = validate(draft, stationId, item);
    if (Object.keys(problems).length > 0) {
      setSubmit({
        status: 'error',
        message: '还有内容需要补充或修改',
        hint: '请按标有 ⚠ 的提示修改后再提交',
      });
      return;
    }
    // Asked before any await, from the tap itself (WeChat refuses it otherwise); nothing on H5.
    const subscribed = askedOnAccept.current ?? askStatusSubscription();
    askedOnAccept.current = null;
    sending.current = true;
    setSubmit({ status: 'sending' });
    await subscribed;
    const res = await createRequest(inputOf(draft, stationId) as CreateRequestInput);
    sending.current = false;
    if (!live.current) return;
    if (res.ok) {
      saveLastRequest(draft);
      clearDraft();
      saveMyStation(stationId);
      setSubmit({ status: 'idle' });
      onCreated(res.data.request.id);
      return;
    }
    const { error } = res;
    const details = (error.details ?? {}) as { field?: string; nextSlots?: SlotDto[] };
    if (error.code === 'resource-exhausted') {
      setDraft((d) => ({ ...d, slot: null }));
      setSlots({ slots: details.nextSlots ?? [], full: true });
      setServerErrors({ slot: error.message });
      setSubmit({
        status: 'error',
        message: error.message,
        hint: '请在上方重新选择一个时段，再点“提交求助”',
      });
      // Bring the offered slots into view: the resident tapped at the bottom of the form.
      setTimeout(() => {
        try {
          void Promise.resolve(Taro.pageScrollTo({ selector: '.rq__full', duration: 300 })).catch(
            () => undefined,
          );
        } catch {
          /* scrolling is a courtesy: the notice by the button says where to look */
        }
      }, 100);
      return;
    }
    if (
      error.code === 'failed-precondition' &&
      (details as { reason?: unknown }).reason === 'privacy-notice'
    ) {
      // Nothing was stored: the draft (and its request id) stays as typed; the
      // notice appears by the button, 同意并继续 accepts and sends it again.
      const version = (details as { version?: unknown }).version;
      setPrivacy({ status: 'needed', version: typeof version === 'string' ? version : '' });
      setSubmit({ status: 'idle' });
      return;
    }
    if (error.code === 'already-exists') {
      // The id is someone else's: this form session gets a new one.
      setDraft((d) => ({ ...d, requestId: newRequestId() }));
      setSubmit({ status: 'error', message: '提交没有成功', hint: '请再点一次“提交求助”' });
      return;
    }
    const field = typeof details.field === 'string' ? fieldOf([details.field]) : null;
    if (field) setServerErrors({ [field]: error.message });
    setSubmit({
      status: 'error',
      message: error.message,
      hint: isTransportError(res)
        ? '您填写的内容已保存。请检查网络后再点“提交求助”，不会重复提交'
        : field
          ? '请按提示修改后再提交'
          : '请稍后再试；如一直不成功，可直接致电社工站',
    });
  }, [draft, item, stationId, onCreated, setSlots]);

  /**
   * 同意并继续: accepts the notice the function asked for, then submits the
   * same draft again (same request id: a retry can never make two requests).
   */
  const acceptPrivacyAndSend = useCallback(async () => {
    if (privacy.status !== 'needed') return;
    const { version } = privacy;
    // Asked before any await, from this tap (WeChat refuses it otherwise); send() uses it.
    askedOnAccept.current = askStatusSubscription();
    setPrivacy({ status: 'accepting', version });
    const res = await acceptPrivacyNotice({ version });
    if (!live.current) return;
    if (!res.ok) {
      askedOnAccept.current = null;
      setPrivacy({ status: 'needed', version });
      setSubmit({
        status: 'error',
        message: res.error.message,
        hint: isTransportError(res)
          ? '您填写的内容已保存。请检查网络后再点“同意并继续”'
          : '请稍后再试；您填写的内容已保存',
      });
      return;
    }
    setPrivacy({ status: 'none' });
    await send();
  }, [privacy, send]);

  return {
    draft,
    update,
    privacy,
    acceptPrivacyAndSend,
    chooseItem,
    items,
    itemList,
    item,
    slots,
    choosingStation,
    setChoosingStation,
    chooseStation,
    errors,
    submit,
    send,
  };
}
