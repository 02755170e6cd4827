import type { RosterPreviewOutput, WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import { eventually } from '../../../test/eventually';
import * as accounts from '../../services/accounts';
import * as roster from '../../services/roster';
import * as storage from '../../services/storage';
import HeadCommunitiesPage from './communities/index';
import HeadRosterPage from './roster/index';

jest.mock('../../services/accounts');
jest.mock('../../services/roster');
// The mini-program's storage (the H5 one cannot upload).
jest.mock('../../services/storage', () => ({
  CAN_UPLOAD: true,
  pickXlsx: jest.fn(),
  uploadFile: jest.fn(),
  openDownloadedFile: jest.fn(),
}));
const acc = jest.mocked(accounts);
const api = jest.mocked(roster);
const files = jest.mocked(storage);

const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;
const picked = { path: 'wxfile://tmp/roster.xlsx', name: '花名册.xlsx', size: 9000 };

const preview = (over: Partial<RosterPreviewOutput> = {}): RosterPreviewOutput => ({
  previewId: 'rp-1',
  expiresAt: '2026-11-28T06:00:00.000Z',
  sheetName: '花名册',
  counts: { rows: 5, valid: 3, invalid: 1, duplicates: 1, consentFlagged: 1 },
  households: 2,
  issues: [
    { row: 3, field: 'idNumber', code: 'id-checksum', message: '身份证号校验位不对，请核对后重新填写' },
    { row: 4, field: null, code: 'existing', message: '本站已有此人的档案，跳过' },
    {
      row: 6,
      field: 'categories',
      code: 'consent-needed',
      message: '需补录同意书后再登记该类别：低保（本次导入先不登记）',
    },
  ],
  issuesTotal: 3,
  ignoredHeaders: ['备注2'],
  ...over,
});

const imported = {
  previewId: 'rp-1',
  mode: 'valid-rows' as const,
  created: 3,
  alreadyPresent: 0,
  skippedInvalid: 1,
  skippedDuplicates: 1,
  householdsCreated: 2,
  householdsPresent: 0,
  consentFlaggedRows: [6],
};

const click = (text: string) => fireEvent.click(screen.getByText(text));

beforeEach(() => {
  for (const fn of [...Object.values(api), ...Object.values(files)])
    if (jest.isMockFunction(fn)) fn.mockReset();
  acc.whoAmI.mockResolvedValue({ ok: true, data: head });
  files.pickXlsx.mockResolvedValue({ ok: true, data: picked });
  files.uploadFile.mockResolvedValue({
    ok: true,
    data: { fileID: 'cloud://env.bucket/roster-uploads/st-tanggu/a.xlsx' },
  });
  api.previewRoster.mockResolvedValue({ ok: true, data: preview() });
});

describe('站长: 导入花名册', () => {
  it('uploads to the station folder, shows counts and row errors, and imports only the valid rows after confirming', async () => {
    api.importRoster.mockResolvedValue({ ok: true, data: imported });
    render(<HeadRosterPage />);
    await eventually(() => screen.getByText('选择并上传花名册'));
    click('选择并上传花名册');

    await eventually(() => screen.getByText('第 3 行'));
    expect(files.uploadFile.mock.calls[0][0]).toMatch(/^roster-uploads\/st-tanggu\/[\w-]+\.xlsx$/);
    expect(api.previewRoster).toHaveBeenCalledWith({
      stationId: 'st-tanggu',
      fileID: 'cloud://env.bucket/roster-uploads/st-tanggu/a.xlsx',
    });
    screen.getByText('✕ 有错误 1 行');
    screen.getByText('✕ 错误：身份证号校验位不对，请核对后重新填写');
    screen.getByText('ⓘ 提示：本站已有此人的档案，跳过');
    screen.getByText(/这 1 行会先导入、暂不登记这些类别/);
    screen.getByText(/备注2/);

    // With an error, 全部导入 cannot be chosen (it would import nothing).
    click('全部导入（有错误时不导入）');
    expect(Taro.showModal).not.toHaveBeenCalled();
    screen.getByText(/有 1 行错误，不能全部导入/);

    click('只导入无误的行（3 行）');
    await eventually(() => screen.getByText('✓ 导入完成'));
    expect(jest.mocked(Taro.showModal).mock.calls[0][0]).toMatchObject({
      title: '确认导入',
      content: expect.stringContaining('将导入无误的 3 行，1 行有错误的不导入'),
    });
    expect(api.importRoster).toHaveBeenCalledWith({ previewId: 'rp-1', mode: 'valid-rows' });
    screen.getByText('新建档案 3 份');
    screen.getByText('跳过 2 行（有错误 1 行，本站已建档 1 行）');
    screen.getByText(/第 6 行已导入，但需补录同意书/);
  });

  it('imports all rows of a clean file, and nothing when the confirmation is cancelled', async () => {
    api.previewRoster.mockResolvedValue({
      ok: true,
      data: preview({
        counts: { rows: 3, valid: 3, invalid: 0, duplicates: 0, consentFlagged: 0 },
        issues: [],
      }),
    });
    api.importRoster.mockResolvedValue({ ok: true, data: { ...imported, mode: 'all-or-nothing' } });
    jest
      .mocked(Taro.showModal)
      .mockResolvedValueOnce({ confirm: false, cancel: true, errMsg: 'showModal:ok' });
    render(<HeadRosterPage />);
    await eventually(() => screen.getByText('选择并上传花名册'));
    click('选择并上传花名册');
    await eventually(() => screen.getByText('全部导入（有错误时不导入）'));

    click('全部导入（有错误时不导入）');
    await eventually(() => expect(Taro.showModal).toHaveBeenCalledTimes(1));
    await new Promise((r) => setTimeout(r, 30));
    expect(api.importRoster).not.toHaveBeenCalled();

    click('全部导入（有错误时不导入）');
    await eventually(() => screen.getByText('✓ 导入完成'));
    expect(api.importRoster).toHaveBeenCalledWith({ previewId: 'rp-1', mode: 'all-or-nothing' });
  });

  it('shows a refused import and keeps the preview', async () => {
    api.importRoster.mockResolvedValue({
      ok: false,
      error: { code: 'failed-precondition', message: '预览已过期，请重新上传花名册' },
    });
    render(<HeadRosterPage />);
    await eventually(() => screen.getByText('选择并上传花名册'));
    click('选择并上传花名册');
    await eventually(() => screen.getByText('只导入无误的行（3 行）'));
    click('只导入无误的行（3 行）');
    await eventually(() => screen.getByText('预览已过期，请重新上传花名册（没有写入任何档案）'));
    screen.getByText('第 3 行');
  });

  it('retries a failed upload with the same file, without picking again', async () => {
    files.uploadFile.mockResolvedValueOnce({
      ok: false,
      error: { code: 'internal', message: '上传没有成功，请检查网络后点“重新上传”' },
    });
    render(<HeadRosterPage />);
    await eventually(() => screen.getByText('选择并上传花名册'));
    click('选择并上传花名册');
    await eventually(() => screen.getByText('✕ 花名册没有检查成功'));
    screen.getByText('上传没有成功，请检查网络后点“重新上传”');

    click('重新上传');
    await eventually(() => screen.getByText('第 3 行'));
    expect(files.pickXlsx).toHaveBeenCalledTimes(1);
    expect(files.uploadFile).toHaveBeenCalledTimes(2);
    expect(files.uploadFile.mock.calls[1][1]).toEqual(picked);
  });

  it('downloads the template of the station', async () => {
    api.getRosterTemplate.mockResolvedValue({
      ok: true,
      data: { fileID: 'cloud://x/t.xlsx', tempFileURL: 'http://h/t.xlsx', fileName: '花名册模板.xlsx' },
    });
    files.openDownloadedFile.mockResolvedValue({ ok: true, data: null });
    render(<HeadRosterPage />);
    await eventually(() => screen.getByText('下载花名册模板'));
    click('下载花名册模板');
    await eventually(() =>
      expect(files.openDownloadedFile).toHaveBeenCalledWith('http://h/t.xlsx', '花名册模板.xlsx'),
    );
    expect(api.getRosterTemplate).toHaveBeenCalledWith({ stationId: 'st-tanggu' });
  });
});

describe('站长: 社区/村名单', () => {
  it('loads the list, saves one name per line and shows a refusal', async () => {
    api.listCommunities.mockResolvedValue({
      ok: true,
      data: { stationId: 'st-tanggu', communities: ['新村社区'], updatedAt: null },
    });
    api.updateCommunities
      .mockResolvedValueOnce({
        ok: false,
        error: { code: 'invalid-argument', message: '社区/村最多设置 200 个' },
      })
      .mockResolvedValueOnce({
        ok: true,
        data: {
          stationId: 'st-tanggu',
          communities: ['新村社区', '渤海石油社区'],
          updatedAt: '2026-11-27T06:05:00.000Z',
        },
      });
    render(<HeadCommunitiesPage />);
    const box = await eventually(() => {
      const el = screen.getAllByDisplayValue('新村社区').find((e) => e.tagName === 'TEXTAREA');
      if (!el) throw new Error('no textarea');
      return el;
    });
    fireEvent.input(box, { target: { value: '新村社区\n\n 渤海石油社区 ' } });
    await eventually(() => screen.getByText('社区/村（共 2 个）'));
    click('保存名单');
    await eventually(() => screen.getByText('社区/村最多设置 200 个'));
    click('保存名单');
    await eventually(() => screen.getByText('✓ 已保存，共 2 个社区/村'));
    expect(api.updateCommunities).toHaveBeenLastCalledWith({
      stationId: 'st-tanggu',
      communities: ['新村社区', '渤海石油社区'],
    });
  });
});
