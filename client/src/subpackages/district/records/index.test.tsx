import type { RecordHistoryEntryDto, StationRecordDto } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import { eventually } from '../../../../test/eventually';
import { setRouterParams } from '../../../../test/taro-stub';
import * as district from '../../../services/district';
import * as storage from '../../../services/storage';
import DistrictRecordsPage, { documentName } from './index';

jest.mock('../../../services/district');
jest.mock('../../../services/stations');
// The mini-program's storage by default; `canUpload = false` is the H5 build.
let canUpload = true;
jest.mock('../../../services/storage', () => ({
  get CAN_UPLOAD() {
    return canUpload;
  },
  MAX_DOCUMENT_BYTES: 10 * 1024 * 1024,
  pickDocument: jest.fn(),
  uploadFile: jest.fn(),
}));
const api = jest.mocked(district);
const files = jest.mocked(storage);

const record = (over: Partial<StationRecordDto> = {}): StationRecordDto => ({
  stationId: 'st-tanggu',
  officialName: '滨海新区塘沽街道社会工作服务站',
  unitName: '塘沽街道',
  zoneName: null,
  version: 3,
  status: 'trial',
  statusLabel: '试运行',
  specialty: null,
  rooms: ['个案工作室'],
  operatingModel: 'government_purchase',
  operatingModelLabel: '政府购买',
  operatorName: '滨海新区示例社会工作服务中心',
  operatorPhone: '022-25321234',
  agreementFrom: '2022-07-01',
  agreementTo: '2025-06-30',
  funding: [{ source: '养老服务资金', amountYuan: 20000, note: null }],
  milestones: [
    {
      milestone: 'plan_filed',
      label: '建设方案报区民政局备案',
      due: '2022-04-30',
      doneOn: '2022-04-20',
      standing: 'done_on_time',
      standingLabel: '按期完成',
      documents: [{ fileId: 'cloud://env/district/stations/st-tanggu/plan.pdf', url: 'https://t/plan.pdf' }],
    },
    {
      milestone: 'rooms_ready',
      label: '硬件设施（场所及设备）建成',
      due: '2022-05-31',
      doneOn: null,
      standing: 'overdue',
      standingLabel: '已逾期未完成',
      documents: [],
    },
    {
      milestone: 'operator_in_place',
      label: '运营单位招标、协议签订、人员入驻',
      due: '2022-07-31',
      doneOn: null,
      standing: 'overdue',
      standingLabel: '已逾期未完成',
      documents: [],
    },
  ],
  updatedAt: '2026-12-01T01:30:00.000Z',
  updatedByName: '王科长',
  ...over,
});

const entry: RecordHistoryEntryDto = {
  id: 'h-3',
  version: 3,
  at: '2026-12-01T01:30:00.000Z',
  byName: '王科长',
  byRole: 'district_admin',
  changes: [{ field: 'status', label: '建设状态', before: 'preparing', after: 'trial' }],
};

beforeEach(() => {
  for (const fn of Object.values(api)) if (jest.isMockFunction(fn)) fn.mockReset();
  files.pickDocument.mockReset();
  files.uploadFile.mockReset();
  canUpload = true;
  setRouterParams({ stationId: 'st-tanggu' });
  api.getStationRecord.mockResolvedValue({ ok: true, data: { record: record() } });
  api.listStationRecordHistory.mockResolvedValue({ ok: true, data: { items: [entry], nextCursor: null } });
});

const inputOf = (label: string) =>
  eventually(() => {
    const el = screen.getAllByLabelText(label).find((e) => e.tagName === 'INPUT');
    if (!el) throw new Error(`no input labelled ${label}`);
    return el as HTMLInputElement;
  });
const type = async (label: string, value: string) =>
  fireEvent.input(await inputOf(label), { target: { value } });
const errorOf = (label: string) =>
  screen.getByText(label, { selector: '.wk__label' }).closest('.wk__field')!.querySelector('.sgz-field-error')
    ?.textContent ?? null;

describe('区民政局: 站点档案', () => {
  it('shows the record, the milestones against their due days in words, and the history (who, when, before → after)', async () => {
    render(<DistrictRecordsPage />);
    await eventually(() => screen.getByText('滨海新区塘沽街道社会工作服务站'));
    screen.getByText('建设方案报区民政局备案（应于 2022-04-30 前完成）');
    screen.getByText('现状：按期完成');
    expect(screen.getAllByText('现状：已逾期未完成')).toHaveLength(2);
    screen.getByText('查看证明材料 1');
    await eventually(() => screen.getByText('第 3 版：2026-12-01 09:30 王科长（区民政局）'));
    screen.getByText('建设状态：筹建 → 试运行');
    expect(api.getStationRecord).toHaveBeenCalledWith({ stationId: 'st-tanggu' });
  });

  it('puts every problem beside its own field, in Chinese, and sends nothing', async () => {
    render(<DistrictRecordsPage />);
    await type('运营单位联系电话', '12345');
    await type('协议结束日期', '2021-01-01');
    await type('硬件设施（场所及设备）建成完成日期', '2022-13-45');
    await type('养老服务资金金额（元/年）', '-5');
    fireEvent.click(screen.getByText('保存'));
    await eventually(() =>
      expect(errorOf('运营单位联系电话')).toBe(
        '⚠ 运营单位联系电话格式不对，请填写 11 位手机号或带区号的座机号',
      ),
    );
    expect(errorOf('协议结束日期')).toBe('⚠ 协议结束日期不能早于开始日期，请检查');
    expect(errorOf('硬件设施（场所及设备）建成（应于 2022-05-31 前完成）')).toMatch(
      /^⚠ 硬件设施建成完成日期/,
    );
    screen.getByText('⚠ 资金金额不能小于 0');
    expect(api.updateStationRecord).not.toHaveBeenCalled();
    // Changing a field clears its error.
    await type('运营单位联系电话', '022 2532 9999');
    expect(errorOf('运营单位联系电话')).toBeNull();
  });

  it('saves the whole card at the version read, and shows the new history', async () => {
    api.updateStationRecord.mockResolvedValue({
      ok: true,
      data: { record: record({ version: 4, status: 'operating', statusLabel: '运营' }) },
    });
    render(<DistrictRecordsPage />);
    await eventually(() => screen.getByText('第 3 版：2026-12-01 09:30 王科长（区民政局）'));
    api.listStationRecordHistory.mockResolvedValue({
      ok: true,
      data: {
        items: [
          {
            ...entry,
            id: 'h-4',
            version: 4,
            changes: [{ field: 'status', label: '建设状态', before: 'trial', after: 'operating' }],
          },
          entry,
        ],
        nextCursor: null,
      },
    });
    fireEvent.click(screen.getByText('○ 运营'));
    await type('运营单位联系电话', '022 2532 9999');
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => screen.getByText('建设状态：试运行 → 运营'));
    expect(api.updateStationRecord).toHaveBeenCalledWith(
      expect.objectContaining({
        stationId: 'st-tanggu',
        version: 3,
        status: 'operating',
        operatorPhone: '02225329999',
        funding: [{ source: '养老服务资金', amountYuan: 20000, note: null }],
        milestones: {
          plan_filed: {
            doneOn: '2022-04-20',
            documents: ['cloud://env/district/stations/st-tanggu/plan.pdf'],
          },
          rooms_ready: { doneOn: null, documents: [] },
          operator_in_place: { doneOn: null, documents: [] },
        },
      }),
    );
    screen.getByText('✓ 已保存，修改记录已更新');
  });

  it('explains a change made by someone else in between, and 刷新 loads the latest', async () => {
    api.updateStationRecord.mockResolvedValue({
      ok: false,
      error: {
        code: 'failed-precondition',
        message: '该社工站档案刚被其他人修改过，请刷新后重新修改',
        details: { reason: 'stale', version: 5 },
      },
    });
    render(<DistrictRecordsPage />);
    await type('运营单位名称', '另一家机构');
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => screen.getByText(/有人刚刚修改了这个社工站的档案，您的修改没有保存/));
    api.getStationRecord.mockResolvedValue({
      ok: true,
      data: { record: record({ version: 5, operatorName: '新机构' }) },
    });
    fireEvent.click(screen.getByText('刷新'));
    await eventually(() => expect((screenInput('运营单位名称') as HTMLInputElement).value).toBe('新机构'));
    expect(screen.queryByText(/有人刚刚修改了/)).toBeNull();
  });

  it('says when the record could not be loaded, with 重试; no history reads as such', async () => {
    api.getStationRecord.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '网络不太好，请稍后重试' },
    });
    api.listStationRecordHistory.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    render(<DistrictRecordsPage />);
    await eventually(() => screen.getByText('站点档案没有加载出来'));
    fireEvent.click(screen.getByText('重试'));
    await eventually(() => screen.getByText('滨海新区塘沽街道社会工作服务站'));
    await eventually(() => screen.getByText(/还没有修改记录/));
  });
});

describe('区民政局: 建设节点的证明材料', () => {
  const saved = () => ({ ok: true as const, data: { record: record({ version: 4 }) } });

  it("uploads a scan to the station's folder, then 保存 records it with the milestone", async () => {
    files.pickDocument.mockResolvedValue({
      ok: true,
      data: { path: 'wxfile://tmp/scan.PDF', name: '入驻协议.PDF', size: 200_000 },
    });
    files.uploadFile.mockImplementation(async (cloudPath) => ({
      ok: true,
      data: { fileID: `cloud://env/${cloudPath}` },
    }));
    api.updateStationRecord.mockResolvedValue(saved());
    render(<DistrictRecordsPage />);
    await type('运营单位招标、协议签订、人员入驻完成日期', '2022-07-20');
    const uploads = await eventually(() => {
      const b = screen.getAllByText('从聊天选文件');
      if (b.length !== 3) throw new Error('three milestones');
      return b;
    });
    fireEvent.click(uploads[2]!);
    await eventually(() => screen.getByText('证明材料 1（新上传，保存后可查看）'));
    expect(files.pickDocument).toHaveBeenCalledWith('chat');
    const path = files.uploadFile.mock.calls[0]![0];
    expect(path).toMatch(/^district\/stations\/st-tanggu\/operator_in_place-[a-z0-9]+-[a-z0-9]+\.pdf$/);
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => expect(api.updateStationRecord).toHaveBeenCalled());
    expect(api.updateStationRecord.mock.calls[0]![0].milestones.operator_in_place).toEqual({
      doneOn: '2022-07-20',
      documents: [`cloud://env/${path}`],
    });
  });

  it("a document without the milestone's day is refused beside the milestone, nothing sent", async () => {
    files.pickDocument.mockResolvedValue({
      ok: true,
      data: { path: 'wxfile://tmp/a.jpg', name: 'a.jpg', size: 1000 },
    });
    files.uploadFile.mockResolvedValue({
      ok: true,
      data: { fileID: 'cloud://env/district/stations/st-tanggu/rooms_ready-a-b.jpg' },
    });
    render(<DistrictRecordsPage />);
    const camera = await eventually(() => screen.getAllByText('拍照或选图上传'));
    fireEvent.click(camera[1]!);
    await eventually(() => screen.getByText('证明材料 1（新上传，保存后可查看）'));
    fireEvent.click(screen.getByText('保存'));
    await eventually(() =>
      expect(errorOf('硬件设施（场所及设备）建成（应于 2022-05-31 前完成）')).toBe(
        '⚠ 上传了硬件设施建成的证明材料，请同时填写完成日期',
      ),
    );
    expect(api.updateStationRecord).not.toHaveBeenCalled();
  });

  it('移除 takes a saved document out of the record on 保存', async () => {
    api.updateStationRecord.mockResolvedValue(saved());
    render(<DistrictRecordsPage />);
    fireEvent.click(await eventually(() => screen.getByText('移除材料 1')));
    expect(screen.queryByText('查看证明材料 1')).toBeNull();
    fireEvent.click(screen.getByText('保存'));
    await eventually(() => expect(api.updateStationRecord).toHaveBeenCalled());
    expect(api.updateStationRecord.mock.calls[0]![0].milestones.plan_filed).toEqual({
      doneOn: '2022-04-20',
      documents: [],
    });
  });

  it('a failed upload or a file too large says so and adds nothing; a cancel is silent', async () => {
    files.pickDocument.mockResolvedValueOnce({ ok: true, data: null });
    render(<DistrictRecordsPage />);
    const camera = await eventually(() => screen.getAllByText('拍照或选图上传'));
    fireEvent.click(camera[0]!);
    await eventually(() => expect(files.pickDocument).toHaveBeenCalledTimes(1));
    expect(files.uploadFile).not.toHaveBeenCalled();
    files.pickDocument.mockResolvedValue({
      ok: true,
      data: { path: 'wxfile://tmp/big.jpg', name: 'big.jpg', size: 11 * 1024 * 1024 },
    });
    fireEvent.click(camera[0]!);
    await eventually(() => screen.getByText('⚠ 文件太大了（超过 10 MB），请压缩后或拍照上传'));
    expect(files.uploadFile).not.toHaveBeenCalled();
    files.pickDocument.mockResolvedValue({
      ok: true,
      data: { path: 'wxfile://tmp/a.jpg', name: 'a.jpg', size: 1000 },
    });
    files.uploadFile.mockResolvedValue({ ok: false, error: { code: 'internal', message: 'x' } });
    fireEvent.click(camera[0]!);
    await eventually(() => screen.getByText('⚠ 证明材料上传没有成功，请检查网络后重新上传'));
    expect(screen.queryByText(/保存后可查看/)).toBeNull();
  });

  it('the web build says to upload in the mini-program', async () => {
    canUpload = false;
    render(<DistrictRecordsPage />);
    await eventually(() =>
      expect(screen.getAllByText('证明材料请在微信小程序中上传（网页版不能上传）')).toHaveLength(3),
    );
    expect(screen.queryByText('拍照或选图上传')).toBeNull();
  });

  it('names a document by milestone, time and a random part, keeping the extension', () => {
    expect(documentName('plan_filed', '方案.PDF', 36 ** 3, () => 0.5)).toBe('plan_filed-1000-i00000.pdf');
    expect(documentName('rooms_ready', 'wxfile://tmp/noext', 35, () => 0)).toBe('rooms_ready-z-0.jpg');
  });
});

const screenInput = (label: string) => screen.getAllByLabelText(label).find((e) => e.tagName === 'INPUT');
