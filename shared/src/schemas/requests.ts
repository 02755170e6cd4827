import { z } from 'zod';
import { clientIdField, idField, pageFields, personNameField, phoneField, textField } from './fields';
import { RATING, RELATIONSHIPS, REQUEST_STATUSES, STAFF_ACTIONS } from '../domain/request';
import { OPENING_BOUNDS, openingHoursProblem } from '../domain/slot';
import { MAX_CAPACITY_PER_SLOT, SERVICE_ITEM_DURATION, SERVICE_ITEM_TEXT } from '../domain/service-item';
import { SERVICE_AREAS } from '../domain/station';

// Input schemas of the `requests` cloud function, one per action. The phone
// checks them for instant feedback and the function again, where it counts.
// Every object is strict (unknown keys refused, so `openid`, `ownerId`,
// `status` in an event cannot sneak into a write), and every message says in
// Chinese what to do. Operator-shaped objects ({"$gt": ""}) fail the type checks.

/** Longest description of a need, characters. */
export const MAX_DESCRIPTION_CHARS = 500;
/** Longest rating comment, characters. */
export const MAX_COMMENT_CHARS = 200;
/** Longest reason (rejection, cancellation), characters. */
export const MAX_REASON_CHARS = 200;
/** Longest name of the person served. */
export const MAX_PERSON_NAME_CHARS = 20;
/** Largest page of a request list. */
export const MAX_REQUESTS_PAGE = 50;
/** Default page of a request list. */
export const DEFAULT_REQUESTS_PAGE = 20;
/** Largest number of slots listed at once. */
export const MAX_SLOTS_LISTED = 50;
/** Default number of slots listed. */
export const DEFAULT_SLOTS_LISTED = 10;

const id = idField;
const text = textField;
const page = pageFields(MAX_REQUESTS_PAGE);

const area = z.enum(SERVICE_AREAS, {
  errorMap: (issue) => ({
    message:
      issue.code === 'invalid_type' && issue.received === 'undefined'
        ? '请选择服务领域'
        : '服务领域不在可选范围内，请重新选择',
  }),
});

/** Input of `listServiceItems` (public): the items of one station. */
export const listServiceItemsInput = z
  .object({
    stationId: id('社工站编号'),
    /** Station staff may ask for inactive items too (the editor); ignored for others. */
    includeInactive: z.boolean({ invalid_type_error: '参数格式不对' }).optional(),
  })
  .strict();

/** Input of `upsertServiceItem` (station head, own station): create (no id) or edit. */
export const upsertServiceItemInput = z
  .object({
    id: id('服务项目编号').optional(),
    stationId: id('社工站编号'),
    title: text('项目名称', SERVICE_ITEM_TEXT.title),
    area,
    description: text('项目介绍', SERVICE_ITEM_TEXT.description),
    bookable: z.boolean({
      required_error: '请选择是否需要预约',
      invalid_type_error: '是否需要预约的格式不对',
    }),
    durationMinutes: z
      .number({ required_error: '请填写每次服务时长', invalid_type_error: '服务时长必须是数字' })
      .int('服务时长必须是整数分钟')
      .min(SERVICE_ITEM_DURATION.min, `服务时长至少 ${SERVICE_ITEM_DURATION.min} 分钟`)
      .max(SERVICE_ITEM_DURATION.max, `服务时长不能超过 ${SERVICE_ITEM_DURATION.max} 分钟`)
      .refine(
        (n) => n % SERVICE_ITEM_DURATION.step === 0,
        `服务时长请按 ${SERVICE_ITEM_DURATION.step} 分钟的整数倍填写`,
      ),
    capacityPerSlot: z
      .number({ required_error: '请填写每个时段的名额', invalid_type_error: '名额必须是数字' })
      .int('名额必须是整数')
      .min(1, '每个时段至少 1 个名额')
      .max(MAX_CAPACITY_PER_SLOT, `每个时段的名额不能超过 ${MAX_CAPACITY_PER_SLOT}`),
    active: z.boolean({ invalid_type_error: '是否上架的格式不对' }).optional(),
    order: z
      .number({ invalid_type_error: '排序必须是数字' })
      .int('排序必须是整数')
      .min(0)
      .max(999)
      .optional(),
  })
  .strict();

/** Input of `listSlots` (public): the next free slots of one item of one station. */
export const listSlotsInput = z
  .object({
    stationId: id('社工站编号'),
    itemId: id('服务项目编号'),
    /** Beijing day to start from (`YYYY-MM-DD`); default today. */
    fromDay: z
      .string({ invalid_type_error: '日期格式不对，请重新选择日期' })
      .regex(/^\d{4}-\d{2}-\d{2}$/, '日期格式不对，请重新选择日期')
      .optional(),
    limit: z
      .number({ invalid_type_error: '数量必须是数字' })
      .int('数量必须是整数')
      .min(1, '数量至少为 1')
      .max(MAX_SLOTS_LISTED, `数量不能超过 ${MAX_SLOTS_LISTED}`)
      .optional(),
  })
  .strict();

/** The person served when asking for a family member; consent must be confirmed. */
export const beneficiaryInput = z
  .object({
    relationship: z.enum(RELATIONSHIPS, {
      errorMap: (issue) => ({
        message:
          issue.code === 'invalid_type' && issue.received === 'undefined'
            ? '请选择被服务人是您的什么人'
            : '与被服务人的关系不在可选范围内，请重新选择',
      }),
    }),
    name: personNameField('被服务人的姓名', MAX_PERSON_NAME_CHARS),
    consent: z.literal(true, {
      errorMap: () => ({ message: '请确认被服务人已同意由您代为求助并记录其信息' }),
    }),
  })
  .strict();

/** Input of `createRequest` (resident). `requestId` is generated on the phone for idempotency. */
export const createRequestInput = z
  .object({
    requestId: clientIdField('提交编号'),
    stationId: id('社工站编号'),
    /** A service item of the station; absent (or null) for 其他需求 with `area`. */
    itemId: id('服务项目编号').nullable().optional(),
    area: area.optional(),
    description: text('需求描述', MAX_DESCRIPTION_CHARS),
    contactPhone: phoneField('联系电话'),
    /** A slot id from listSlots; required for items that take bookings. */
    slotId: z
      .string({ invalid_type_error: '预约时段格式不对，请重新选择时段' })
      .max(100, '预约时段格式不对，请重新选择时段')
      .nullable()
      .optional(),
    forWhom: z.enum(['self', 'family'], {
      errorMap: (issue) => ({
        message:
          issue.code === 'invalid_type' && issue.received === 'undefined'
            ? '请选择是为自己还是为家人求助'
            : '求助对象只能是本人或家人，请重新选择',
      }),
    }),
    beneficiary: beneficiaryInput.optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (!v.itemId && !v.area) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['area'],
        message: '请选择服务项目，或在“其他需求”中选择服务领域',
      });
    }
    if (v.forWhom === 'family' && !v.beneficiary) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['beneficiary'],
        message: '为家人求助时，请填写被服务人的关系、姓名并确认其同意',
      });
    }
    if (v.forWhom === 'self' && v.beneficiary) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['beneficiary'],
        message: '为自己求助时无需填写被服务人信息',
      });
    }
  });

/** Input of `getRequest`. */
export const getRequestInput = z.object({ requestId: id('求助编号') }).strict();

/** Input of `listMyRequests`. */
export const listMyRequestsInput = z.object({ ...page }).strict();

/** Input of `cancelRequest` (the resident who made it). */
export const cancelRequestInput = z
  .object({
    requestId: id('求助编号'),
    reason: text('取消原因', MAX_REASON_CHARS).optional(),
  })
  .strict();

/** Input of `listStationRequests` (staff of that station). */
export const listStationRequestsInput = z
  .object({
    stationId: id('社工站编号'),
    status: z
      .enum(REQUEST_STATUSES, { errorMap: () => ({ message: '状态不在可选范围内，请重新选择' }) })
      .optional(),
    /** The dashboard's drill-downs (issue 13): requests made in a Beijing year; rated ones only. */
    year: z
      .number({ invalid_type_error: '年份必须是数字' })
      .int('年份必须是整数')
      .min(2000, '年份超出范围，请选择 2000 至 2100 年')
      .max(2100, '年份超出范围，请选择 2000 至 2100 年')
      .optional(),
    rated: z.boolean({ invalid_type_error: '是否只看已评价请选择是或否' }).optional(),
    ...page,
  })
  .strict();

/**
 * Input of `countStationRequests` (staff of that station): how many new (submitted,
 * 待处理) requests wait; default the caller's own station.
 */
export const countStationRequestsInput = z.object({ stationId: id('社工站编号').optional() }).strict();

/**
 * Input of `transitionRequest` (station staff). The lifecycle step is `step`
 * (the event's `action` names the function action). A rejection needs a reason.
 */
export const transitionRequestInput = z
  .object({
    requestId: id('求助编号'),
    step: z.enum(STAFF_ACTIONS, { errorMap: () => ({ message: '不支持的操作，请刷新后再试' }) }),
    reason: text('原因', MAX_REASON_CHARS).optional(),
    /** For `schedule` of a request with no booked slot: when the service will be (ISO 8601). */
    scheduledAt: z
      .string({ invalid_type_error: '安排时间格式不对，请重新选择' })
      .datetime({ offset: true, message: '安排时间格式不对，请重新选择' })
      .optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.step === 'reject' && !v.reason) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ['reason'],
        message: '请填写不予受理的原因，方便居民了解情况',
      });
    }
  });

/** Input of `rateRequest` (the resident, once, after completion). */
export const rateRequestInput = z
  .object({
    requestId: id('求助编号'),
    stars: z
      .number({ required_error: '请选择 1 到 5 颗星', invalid_type_error: '评分必须是数字' })
      .int('评分请选择 1 到 5 颗星')
      .min(RATING.min, '评分请选择 1 到 5 颗星')
      .max(RATING.max, '评分请选择 1 到 5 颗星'),
    comment: text('评价内容', MAX_COMMENT_CHARS).optional(),
  })
  .strict();

const period = z
  .object({
    start: z
      .string({
        required_error: '请填写开始时间',
        invalid_type_error: '服务时间格式不对，请按“09:00”的格式填写',
      })
      .max(5, '服务时间格式不对，请按“09:00”的格式填写'),
    end: z
      .string({
        required_error: '请填写结束时间',
        invalid_type_error: '服务时间格式不对，请按“09:00”的格式填写',
      })
      .max(5, '服务时间格式不对，请按“09:00”的格式填写'),
  })
  .strict();
const dayPeriods = z
  .array(period, { invalid_type_error: '服务时段格式不对' })
  .max(OPENING_BOUNDS.maxPeriodsPerDay, `每天最多设置 ${OPENING_BOUNDS.maxPeriodsPerDay} 个服务时段`)
  .optional();

/** Input of `updateOpeningHours` (station head, own station): periods per ISO weekday "1"–"7"; a missing day is closed. */
export const updateOpeningHoursInput = z
  .object({
    stationId: id('社工站编号'),
    openingHours: z
      .object(
        {
          1: dayPeriods,
          2: dayPeriods,
          3: dayPeriods,
          4: dayPeriods,
          5: dayPeriods,
          6: dayPeriods,
          7: dayPeriods,
        },
        { required_error: '请填写服务时间', invalid_type_error: '服务时间格式不对' },
      )
      .strict()
      .superRefine((hours, ctx) => {
        const problem = openingHoursProblem(hours);
        if (problem) ctx.addIssue({ code: z.ZodIssueCode.custom, message: problem });
      }),
  })
  .strict();

/** Parsed inputs. */
export type ListServiceItemsInput = z.output<typeof listServiceItemsInput>;
/** Parsed input of upsertServiceItem. */
export type UpsertServiceItemInput = z.output<typeof upsertServiceItemInput>;
/** Parsed input of listSlots. */
export type ListSlotsInput = z.output<typeof listSlotsInput>;
/** Parsed input of createRequest. */
export type CreateRequestInput = z.output<typeof createRequestInput>;
/** Parsed input of getRequest. */
export type GetRequestInput = z.output<typeof getRequestInput>;
/** Parsed input of listMyRequests. */
export type ListMyRequestsInput = z.output<typeof listMyRequestsInput>;
/** Parsed input of cancelRequest. */
export type CancelRequestInput = z.output<typeof cancelRequestInput>;
/** Parsed input of listStationRequests. */
export type ListStationRequestsInput = z.output<typeof listStationRequestsInput>;
/** Parsed input of countStationRequests. */
export type CountStationRequestsInput = z.output<typeof countStationRequestsInput>;
/** Parsed input of transitionRequest. */
export type TransitionRequestInput = z.output<typeof transitionRequestInput>;
/** Parsed input of updateOpeningHours. */
export type UpdateOpeningHoursInput = z.output<typeof updateOpeningHoursInput>;
/** Parsed input of rateRequest. */
export type RateRequestInput = z.output<typeof rateRequestInput>;
