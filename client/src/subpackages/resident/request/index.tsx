import {
  FAMILY_CONSENT_TEXT,
  MAX_DESCRIPTION_CHARS,
  MAX_PERSON_NAME_CHARS,
  OTHER_NEED_LABEL,
  RELATIONSHIP_LABELS,
  RELATIONSHIPS,
  SERVICE_AREAS,
  type ServiceItemDto,
  type SlotDto,
} from '@sgz/shared';
import { Input, Text, Textarea, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import type { ReactNode } from 'react';
import { Button } from '../../../components/Button';
import { FieldError } from '../../../components/FieldError';
import { PageRoot } from '../../../components/PageRoot';
import { PrivacyNotice } from '../../../components/PrivacyNotice';
import { LoadView } from '../../../components/StateView';
import { StationFinder } from '../../../components/StationFinder';
import { useCareMode } from '../../../hooks/use-care-mode';
import { formatDay } from '../../../utils/request-format';
import { requestDetailUrl } from '../../../utils/routes';
import { OTHER } from './draft';
import { useRequestForm } from './use-request-form';
import './index.scss';

const openCreated = (id: string) => {
  void Taro.redirectTo({ url: `${requestDetailUrl(id)}&submitted=1` });
};

/**
 * 我要求助: the request form (station; for whom; item or 其他需求; slot; need and phone).
 * A new form starts from the last request sent (draft.ts), so a repeat for oneself is
 * 我要求助 → (slot) → 提交求助 with only the need typed.
 */
export default function RequestPage() {
  const router = useRouter();
  const form = useRequestForm(router.params.stationId, openCreated);
  const { draft, errors, items } = form;

  if (form.choosingStation || !draft.stationId) {
    return (
      <PageRoot className="rq">
        <View className="rq__header">
          <Text className="rq__title">选择社工站</Text>
          <Text className="sgz-hint">请选择您所在街镇的社工站，下次求助会直接使用它</Text>
        </View>
        {draft.stationId ? (
          <View className="rq__tools">
            <Button block onClick={() => form.setChoosingStation(false)}>
              不更换，返回填写
            </Button>
          </View>
        ) : null}
        <StationFinder onChoose={(station) => form.chooseStation(station.id)} />
      </PageRoot>
    );
  }

  const sending = form.submit.status === 'sending';
  const waitingForNotice = form.privacy.status !== 'none';

  return (
    <PageRoot className="rq">
      <View className="rq__header">
        <Text className="rq__title">我要求助</Text>
      </View>

      <View className="sgz-card rq__station">
        <View className="rq__station-text">
          <Text className="sgz-hint">求助的社工站</Text>
          <Text className="rq__station-name">{items.data ? items.data.stationName : '正在加载…'}</Text>
        </View>
        <Button onClick={() => form.setChoosingStation(true)}>更换</Button>
      </View>

      <LoadView
        status={items.status}
        error={items.error}
        onRetry={items.retry}
        loadingText="正在加载服务项目…"
        errorTitle="服务项目没有加载出来"
      />

      {items.data ? (
        <View>
          <Section title="1. 为谁求助">
            <View className="sgz-chips">
              <Choice
                selected={draft.forWhom === 'self'}
                label="为自己"
                onChoose={() => form.update({ forWhom: 'self' })}
              />
              <Choice
                selected={draft.forWhom === 'family'}
                label="为家人"
                onChoose={() => form.update({ forWhom: 'family' })}
              />
            </View>
            <FieldError message={errors.forWhom} />
            {draft.forWhom === 'family' ? (
              <View className="rq__sub">
                <Text className="rq__label">被服务人是我的：</Text>
                <View className="sgz-chips">
                  {RELATIONSHIPS.map((r) => (
                    <Choice
                      key={r}
                      selected={draft.relationship === r}
                      label={RELATIONSHIP_LABELS[r]}
                      onChoose={() => form.update({ relationship: r })}
                    />
                  ))}
                </View>
                <FieldError message={errors.relationship} />
                <Text className="rq__label">被服务人姓名</Text>
                <Input
                  className="sgz-input rq__name"
                  value={draft.name}
                  maxlength={MAX_PERSON_NAME_CHARS}
                  placeholder="请输入被服务人姓名"
                  onInput={(e) => form.update({ name: e.detail.value })}
                />
                <FieldError message={errors.name} />
                <View
                  className={`rq__consent${draft.consent ? ' rq__consent--on' : ''}`}
                  role="checkbox"
                  aria-checked={draft.consent}
                  onClick={() => form.update({ consent: !draft.consent })}
                >
                  <Text className="rq__consent-box" aria-hidden>
                    {draft.consent ? '☑' : '☐'}
                  </Text>
                  <Text className="rq__consent-text">{FAMILY_CONSENT_TEXT}</Text>
                </View>
                <FieldError message={errors.consent} />
              </View>
            ) : null}
          </Section>

          <Section title="2. 需要什么服务">
            {form.itemList.map((it) => (
              <ItemChoice
                key={it.id}
                item={it}
                selected={draft.choice === it.id}
                onChoose={() => form.chooseItem(it.id)}
              />
            ))}
            <Choice
              selected={draft.choice === OTHER}
              label={OTHER_NEED_LABEL}
              hint="上面没有合适的项目时选择，再选服务领域"
              onChoose={() => form.chooseItem(OTHER)}
            />
            <FieldError message={errors.choice} />
            {draft.choice === OTHER ? (
              <View className="rq__sub">
                <Text className="rq__label">服务领域</Text>
                <View className="sgz-chips">
                  {SERVICE_AREAS.map((a) => (
                    <Choice
                      key={a}
                      selected={draft.area === a}
                      label={a}
                      onChoose={() => form.update({ area: a })}
                    />
                  ))}
                </View>
                <FieldError message={errors.area} />
              </View>
            ) : null}
          </Section>

          {form.item?.bookable ? (
            <Section title="3. 预约时段（北京时间）">
              <SlotChooser
                slots={form.slots}
                selected={draft.slot?.id ?? null}
                onChoose={(slot) => form.update({ slot })}
              />
              <FieldError message={errors.slot} />
            </Section>
          ) : null}

          <Section title={`${form.item?.bookable ? 4 : 3}. 说说您的需要`}>
            <Textarea
              className="sgz-textarea rq__description"
              value={draft.description}
              maxlength={MAX_DESCRIPTION_CHARS}
              placeholder="例如：家中老人行动不便，想请社工上门看看"
              onInput={(e) => form.update({ description: e.detail.value })}
            />
            <Text className="sgz-hint">
              {draft.description.length}/{MAX_DESCRIPTION_CHARS} 字
            </Text>
            <FieldError message={errors.description} />
            <Text className="rq__label">联系电话</Text>
            <Input
              className="sgz-input rq__phone"
              type="number"
              value={draft.phone}
              maxlength={13}
              placeholder="手机号或带区号的座机号"
              onInput={(e) => form.update({ phone: e.detail.value })}
            />
            <FieldError message={errors.phone} />
          </Section>

          <View className="rq__submit">
            {form.privacy.status !== 'none' ? (
              <PrivacyNotice
                className="rq__privacy-notice"
                version={form.privacy.version}
                lead="提交前请先阅读并同意《隐私政策》。您填写的内容都还在，同意后会直接提交。"
                acceptText="同意并继续"
                busy={form.privacy.status === 'accepting' || sending}
                onAccept={() => void form.acceptPrivacyAndSend()}
              />
            ) : null}
            {form.submit.status === 'error' ? (
              <View className="sgz-notice rq__submit-error" role="alert">
                <Text className="rq__submit-message">⚠ {form.submit.message}</Text>
                <Text className="sgz-hint">{form.submit.hint}</Text>
              </View>
            ) : null}
            {/* Waiting for the notice: a plain grey button (not the primary fill, which read as an
                error) and the reason in words right under it. */}
            <Button
              className="rq__submit-button"
              type={waitingForNotice ? 'default' : 'primary'}
              block
              disabled={sending || waitingForNotice}
              loading={sending}
              onClick={() => void form.send()}
            >
              {sending ? '正在提交…' : '提交求助'}
            </Button>
            {waitingForNotice ? (
              <Text className="rq__submit-why">请先阅读上面的《隐私政策》，点“同意并继续”后会自动提交</Text>
            ) : null}
            <Text className="sgz-hint rq__privacy">
              您填写的信息仅用于社工站为您提供服务。填写内容会自动保存在本机；提交后本机只留下社工站、服务项目、为谁求助和联系电话，下次求助时直接填好。
            </Text>
          </View>
        </View>
      ) : null}
    </PageRoot>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <View className="sgz-card rq__section">
      <Text className="sgz-section-title">{title}</Text>
      {children}
    </View>
  );
}

/** A radio-like option; the selection shows as ◉ and a thick border, not by colour alone. */
function Choice(props: { selected: boolean; label: string; hint?: string; onChoose: () => void }) {
  return (
    <View
      className={`sgz-choice${props.selected ? ' sgz-choice--selected' : ''}`}
      role="radio"
      aria-checked={props.selected}
      onClick={props.onChoose}
    >
      <Text className="sgz-choice__mark" aria-hidden>
        {props.selected ? '◉' : '○'}
      </Text>
      <View className="sgz-choice__body">
        <Text className="sgz-choice__label">{props.label}</Text>
        {props.hint ? <Text className="sgz-choice__hint">{props.hint}</Text> : null}
      </View>
    </View>
  );
}

function ItemChoice({
  item,
  selected,
  onChoose,
}: {
  item: ServiceItemDto;
  selected: boolean;
  onChoose: () => void;
}) {
  return (
    <Choice
      selected={selected}
      label={item.title}
      hint={`${item.area} · ${item.bookable ? `需预约，每次约 ${item.durationMinutes} 分钟` : '无需预约'}`}
      onChoose={onChoose}
    />
  );
}

function SlotChooser(props: {
  slots: ReturnType<typeof useRequestForm>['slots'];
  selected: string | null;
  onChoose: (slot: SlotDto) => void;
}) {
  const { slots } = props;
  const state = slots.data;
  // 关怀模式: one column, so the larger times fit on one line (two columns wrapped "14:00–/15:00").
  const careMode = useCareMode();
  if (!state)
    return (
      <LoadView
        compact
        status={slots.status}
        error={slots.error}
        onRetry={slots.retry}
        loadingText="正在查询可预约的时段…"
        errorTitle="可预约的时段没有查到"
      />
    );
  return (
    <View>
      {state.full ? (
        <View className="sgz-notice rq__full" role="alert">
          <Text>⚠ 您选的时段名额已满。下面是还有名额的时段，请重新选择：</Text>
        </View>
      ) : null}
      {state.slots.length === 0 ? (
        <Text className="sgz-hint">近期没有可预约的时段，请选择“其他需求”或直接致电社工站。</Text>
      ) : null}
      {groupByDay(state.slots).map(([day, daySlots]) => (
        <View key={day} className="rq__slot-group">
          <Text className="rq__slot-day">{formatDay(day)}</Text>
          <View className={`rq__slots${careMode ? ' rq__slots--one-column' : ''}`}>
            {daySlots.map((slot) => (
              <Choice
                key={slot.id}
                selected={props.selected === slot.id}
                label={`${slot.start}–${slot.end}`}
                hint={`余 ${slot.free} 个名额`}
                onChoose={() => props.onChoose(slot)}
              />
            ))}
          </View>
        </View>
      ))}
    </View>
  );
}

/** Slots grouped by Beijing day, in order. */
function groupByDay(slots: SlotDto[]): [string, SlotDto[]][] {
  const days = new Map<string, SlotDto[]>();
  for (const slot of slots) days.set(slot.day, [...(days.get(slot.day) ?? []), slot]);
  return [...days.entries()];
}
