import type { RoomKind, Specialty } from './station';

/**
 * The district bureau's records of its stations (issue 14), and good-practice
 * stories, as pure data and rules.
 *
 * Source: the notice (seeds/notice-binhai-social-work-stations-2022.txt),
 * 三(三) 把握推进步骤: "2022年4月底前将社工站建设方案报送区民政局审核备案，5月底前完成
 * 社工站硬件设施建设，7月底前完成运营单位招标、协议签订、人员入驻等事项"; 一(三) the
 * staffing routes (政府购买服务 / 社区工作者调剂 / 公开招聘); 二(二) the funding
 * sources; 四(四) publicity of good examples (优秀社工人物、优秀社工项目案例).
 */

/** A station's stage: 筹建 (being built), 试运行 (trial operation), 运营 (operating). */
export const STATION_STATUSES = ['preparing', 'trial', 'operating'] as const;
/** One of {@link STATION_STATUSES}. */
export type StationStatus = (typeof STATION_STATUSES)[number];
/** Chinese labels of {@link STATION_STATUSES}. */
export const STATION_STATUS_LABELS: Record<StationStatus, string> = {
  preparing: '筹建',
  trial: '试运行',
  operating: '运营',
};

/** How a station is staffed (一(三)): 政府购买服务, 社区工作者调剂, 公开招聘. */
export const OPERATING_MODELS = ['government_purchase', 'reassigned', 'open_hiring'] as const;
/** One of {@link OPERATING_MODELS}. */
export type OperatingModel = (typeof OPERATING_MODELS)[number];
/** Chinese labels of {@link OPERATING_MODELS}. */
export const OPERATING_MODEL_LABELS: Record<OperatingModel, string> = {
  government_purchase: '政府购买',
  reassigned: '社区工作者调剂',
  open_hiring: '公开招聘',
};

/** Funding sources the notice names (二(二)), plus 其他 for anything else. */
export const FUNDING_SOURCES = [
  '社会救助资金',
  '养老服务资金',
  '儿童福利资金',
  '社区建设资金',
  '社会事务资金',
  '彩票公益金',
  '慈善资金',
  '街镇专项资金',
  '其他',
] as const;
/** One of {@link FUNDING_SOURCES}. */
export type FundingSource = (typeof FUNDING_SOURCES)[number];

/** The notice's three build-out milestones. */
export const MILESTONES = ['plan_filed', 'rooms_ready', 'operator_in_place'] as const;
/** One of {@link MILESTONES}. */
export type Milestone = (typeof MILESTONES)[number];
/** Chinese labels of {@link MILESTONES}. */
export const MILESTONE_LABELS: Record<Milestone, string> = {
  plan_filed: '建设方案报区民政局备案',
  rooms_ready: '硬件设施（场所及设备）建成',
  operator_in_place: '运营单位招标、协议签订、人员入驻',
};
/** Due days of {@link MILESTONES} (the notice: end of April, May, July 2022). */
export const MILESTONE_DUE: Record<Milestone, string> = {
  plan_filed: '2022-04-30',
  rooms_ready: '2022-05-31',
  operator_in_place: '2022-07-31',
};

/** A milestone's standing against its due day. */
export const MILESTONE_STANDINGS = ['done_on_time', 'done_late', 'overdue', 'open'] as const;
/** One of {@link MILESTONE_STANDINGS}. */
export type MilestoneStanding = (typeof MILESTONE_STANDINGS)[number];
/** Chinese labels (text beside every colour). */
export const MILESTONE_STANDING_LABELS: Record<MilestoneStanding, string> = {
  done_on_time: '按期完成',
  done_late: '逾期完成',
  overdue: '已逾期未完成',
  open: '未到期',
};

/** A milestone as stored: the day it was done (Beijing) and the documents behind it (cloud fileIDs). */
export interface MilestoneRecord {
  doneOn: string | null;
  documents: string[];
}

/** One funding source of a station. */
export interface FundingLine {
  source: FundingSource;
  /** Yuan per year, when known. */
  amountYuan: number | null;
  note: string | null;
}

/** The bureau's record of a station (stored on the station document; specialty and rooms are the station's own fields). */
export interface StationRecordFields {
  status: StationStatus;
  specialty: Specialty | null;
  rooms: RoomKind[];
  operatingModel: OperatingModel | null;
  /** The operator organisation (社会工作服务机构), for 政府购买; null otherwise or unknown. */
  operatorName: string | null;
  /** The operator's contact phone (mobile or landline). */
  operatorPhone: string | null;
  /** Agreement period, Beijing days, both inclusive. */
  agreementFrom: string | null;
  agreementTo: string | null;
  funding: FundingLine[];
  milestones: Record<Milestone, MilestoneRecord>;
}

/** Limits of a station record. */
export const RECORD_LIMITS = {
  operatorChars: 60,
  noteChars: 60,
  maxFunding: 12,
  maxDocuments: 10,
  maxAmountYuan: 100_000_000,
  maxVersion: 1_000_000,
} as const;

/** A new station's record: 筹建, nothing else known. */
export const emptyStationRecord = (): StationRecordFields => ({
  status: 'preparing',
  specialty: null,
  rooms: [],
  operatingModel: null,
  operatorName: null,
  operatorPhone: null,
  agreementFrom: null,
  agreementTo: null,
  funding: [],
  milestones: {
    plan_filed: { doneOn: null, documents: [] },
    rooms_ready: { doneOn: null, documents: [] },
    operator_in_place: { doneOn: null, documents: [] },
  },
});

/** A milestone's standing on `today` (Beijing day). */
export function milestoneStanding(m: Milestone, doneOn: string | null, today: string): MilestoneStanding {
  const due = MILESTONE_DUE[m];
  if (doneOn) return doneOn <= due ? 'done_on_time' : 'done_late';
  return today > due ? 'overdue' : 'open';
}

/** One changed field of a record: its path and the values before and after. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
}

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * The fields that differ between two records (milestones per milestone, so
 * the history says `milestones.rooms_ready` and not the whole block).
 */
export function diffRecord(before: StationRecordFields, after: StationRecordFields): FieldChange[] {
  const out: FieldChange[] = [];
  const keys = Object.keys(after) as (keyof StationRecordFields)[];
  for (const k of keys) {
    if (k === 'milestones') {
      for (const m of MILESTONES) {
        if (!same(before.milestones[m], after.milestones[m]))
          out.push({ field: `milestones.${m}`, before: before.milestones[m], after: after.milestones[m] });
      }
    } else if (!same(before[k], after[k])) out.push({ field: k, before: before[k], after: after[k] });
  }
  return out;
}

/** Chinese names of record fields, for the history. */
export const RECORD_FIELD_LABELS: Record<string, string> = {
  status: '建设状态',
  specialty: '一站一品',
  rooms: '活动场所',
  operatingModel: '运营方式',
  operatorName: '运营单位',
  operatorPhone: '运营单位联系电话',
  agreementFrom: '协议开始日期',
  agreementTo: '协议结束日期',
  funding: '资金来源',
  'milestones.plan_filed': MILESTONE_LABELS.plan_filed,
  'milestones.rooms_ready': MILESTONE_LABELS.rooms_ready,
  'milestones.operator_in_place': MILESTONE_LABELS.operator_in_place,
};

/** The folder a station record's documents are uploaded to. */
export const recordUploadDir = (stationId: string): string => `district/stations/${stationId}/`;

/** True when `fileId` is a document of station `stationId`'s record: `cloud://<env>/district/stations/<id>/<name>`. */
export function isRecordFile(fileId: string, stationId: string): boolean {
  const m = /^cloud:\/\/[^/]+\/(.+)$/.exec(fileId);
  const path = m?.[1];
  const dir = recordUploadDir(stationId);
  if (!path || !path.startsWith(dir)) return false;
  return /^[A-Za-z0-9_-]{1,64}(\.[A-Za-z0-9]{1,5})?$/.test(path.slice(dir.length));
}

// ------------------------------------------------------------------ stories

/** Kinds of good-practice story: 案例故事 (an anonymised case), 优秀社工 (an outstanding worker). */
export const STORY_KINDS = ['case_story', 'outstanding_worker'] as const;
/** One of {@link STORY_KINDS}. */
export type StoryKind = (typeof STORY_KINDS)[number];
/** Chinese labels of {@link STORY_KINDS}. */
export const STORY_KIND_LABELS: Record<StoryKind, string> = {
  case_story: '案例故事',
  outstanding_worker: '优秀社工',
};

/** A story's state: waiting for the district, shown to residents, or taken down. */
export const STORY_STATUSES = ['pending', 'approved', 'withdrawn'] as const;
/** One of {@link STORY_STATUSES}. */
export type StoryStatus = (typeof STORY_STATUSES)[number];
/** Chinese labels of {@link STORY_STATUSES}. */
export const STORY_STATUS_LABELS: Record<StoryStatus, string> = {
  pending: '待区民政局审核',
  approved: '已发布',
  withdrawn: '已撤下',
};

/** Limits of a story. */
export const STORY_LIMITS = { titleChars: 40, textChars: 2000, reasonChars: 200 } as const;

/** Most approved stories shown on one station's page. */
export const MAX_PUBLIC_STORIES = 20;
