import type { WhoAmIOutput } from '@sgz/shared';
import { fireEvent, render, screen } from '@testing-library/react';
import Taro from '@tarojs/taro';
import * as fs from 'fs';
import * as path from 'path';
import { eventually } from '../../../test/eventually';
import * as accounts from '../../services/accounts';
import * as visits from '../../services/visits';
import { ROUTES } from '../../utils/routes';
import HeadHomePage from './index/index';

jest.mock('../../services/accounts');
jest.mock('../../services/visits');
const acc = jest.mocked(accounts);
const vis = jest.mocked(visits);

const head = { userId: 'u-h', role: 'station_head', stationId: 'st-tanggu' } as WhoAmIOutput;

beforeEach(() => {
  acc.whoAmI.mockResolvedValue({ ok: true, data: head });
  vis.listVisitConflicts.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
});

describe('站长工作台 (issue 15 items 14, 18)', () => {
  it('draws its buttons inside the themed page (main landmark), not above it', async () => {
    render(<HeadHomePage />);
    const button = await eventually(() => screen.getByText('服务项目管理'));
    const main = button.closest('[role="main"]');
    expect(main).not.toBeNull();
    expect(main?.classList.contains('sgz-page')).toBe(true);
    // One page root: nothing of the page outside it.
    expect(document.querySelectorAll('[role="main"]')).toHaveLength(1);
    fireEvent.click(button);
    expect(Taro.navigateTo).toHaveBeenCalledWith({ url: ROUTES.headItems });
  });

  it('promises nothing that is not built (no 正在建设中 list)', async () => {
    render(<HeadHomePage />);
    await eventually(() => screen.getByText('服务项目管理'));
    expect(document.body.textContent).not.toMatch(/建设中|即将上线|这里将提供|年度指标|邀请本站社工/);
  });
});

it('no page of the client says 正在建设中 / 即将上线 (issue 15 item 18)', () => {
  const src = path.resolve(__dirname, '../..');
  const offenders: string[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(p);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name)) {
        if (/正在建设中|即将上线|敬请期待/.test(fs.readFileSync(p, 'utf8')))
          offenders.push(path.relative(src, p));
      }
    }
  };
  walk(src);
  expect(offenders).toEqual([]);
});
