import type { ListServiceItemsOutput, RequestDto, ServiceItemDto, SlotDto } from '@sgz/shared';
import { DEFAULT_OPENING_HOURS } from '@sgz/shared';

/** A service item of 塘沽 as listServiceItems answers. */
export const item = (over: Partial<ServiceItemDto> = {}): ServiceItemDto => ({
  id: 'si-tanggu-elder-visit',
  stationId: 'st-tanggu',
  title: '高龄独居老人上门探访',
  area: '养老服务',
  description: '演示',
  bookable: true,
  durationMinutes: 60,
  capacityPerSlot: 2,
  active: true,
  demo: true,
  order: 1,
  ...over,
});

/** Two items: one bookable, one not. */
export const itemsOutput = (): ListServiceItemsOutput => ({
  items: [
    item(),
    item({
      id: 'si-tanggu-child-care',
      title: '困境儿童关爱帮扶',
      area: '儿童福利',
      bookable: false,
      order: 3,
    }),
  ],
  openingHours: DEFAULT_OPENING_HOURS,
  maxDaysAhead: 14,
});

/** A slot of the bookable item on 2026-12-01 at `start`. */
export const slot = (start: string, free = 2): SlotDto => ({
  id: `si-tanggu-elder-visit~20261201~${start.replace(':', '')}`,
  itemId: 'si-tanggu-elder-visit',
  day: '2026-12-01',
  start,
  end: `${String(Number(start.slice(0, 2)) + 1).padStart(2, '0')}:${start.slice(3)}`,
  startsAt: `2026-12-01T0${Number(start.slice(0, 2)) - 8}:${start.slice(3)}:00.000Z`,
  capacity: 2,
  free,
});

/** A request as its owner sees it. */
export const request = (over: Partial<RequestDto> = {}): RequestDto => ({
  id: 'rq-1',
  stationId: 'st-tanggu',
  itemId: 'si-tanggu-elder-visit',
  itemTitle: '高龄独居老人上门探访',
  area: '养老服务',
  description: '想请社工上门看看',
  contactPhone: '13812345678',
  forWhom: 'self',
  beneficiary: null,
  slot: {
    id: 'si-tanggu-elder-visit~20261201~0900',
    day: '2026-12-01',
    start: '09:00',
    startsAt: '2026-12-01T01:00:00.000Z',
  },
  scheduledAt: null,
  status: 'submitted',
  statusLabel: '已提交',
  history: [
    { status: 'submitted', statusLabel: '已提交', at: '2026-11-27T01:30:00.000Z', actor: 'resident' },
  ],
  rating: null,
  createdAt: '2026-11-27T01:30:00.000Z',
  updatedAt: '2026-11-27T01:30:00.000Z',
  canCancel: true,
  canRate: false,
  ...over,
});
