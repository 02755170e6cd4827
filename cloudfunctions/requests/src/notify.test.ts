import { readFileSync } from 'fs';
import { join } from 'path';
import type { Cloud, DB } from '../../_lib/db';
import { DEFAULT_STATUS_PAGE } from './config';
import { noticeFor, notifyStatus, type StatusNotice } from './notify';

// The notifier with a fake SDK and database: what it sends, what it records,
// and that a failing send neither throws nor goes unrecorded.
const notice: StatusNotice = {
  requestId: 'req-1',
  touser: 'openid-of-resident',
  ownerId: 'u-1',
  status: 'accepted',
  itemTitle: '高龄独居老人上门探访服务（含陪同就医与代办事项）',
  note: '',
  at: new Date('2026-03-02T23:59:00Z'),
};

function fakes(send: (p: Record<string, unknown>) => Promise<unknown>) {
  const records: Record<string, unknown>[] = [];
  const sent: Record<string, unknown>[] = [];
  const cloud = {
    openapi: {
      subscribeMessage: {
        send: (p: Record<string, unknown>) => {
          sent.push(p);
          return send(p);
        },
      },
    },
  } as unknown as Cloud;
  const db = {
    collection: () => ({
      add: async ({ data }: { data: Record<string, unknown> }) => {
        records.push(data);
        return { _id: 'n' };
      },
    }),
  } as unknown as DB;
  return { cloud, db, records, sent };
}

describe('notifyStatus', () => {
  const saved = process.env.SGZ_TPL_REQUEST_STATUS;
  afterEach(() => {
    if (saved === undefined) delete process.env.SGZ_TPL_REQUEST_STATUS;
    else process.env.SGZ_TPL_REQUEST_STATUS = saved;
  });

  it('sends the configured template with clipped fields in Beijing time, and records it as sent', async () => {
    process.env.SGZ_TPL_REQUEST_STATUS = 'tpl-x';
    const f = fakes(async () => ({ errCode: 0 }));
    await notifyStatus(f.cloud, f.db, notice);
    expect(f.sent).toHaveLength(1);
    const data = f.sent[0].data as Record<string, { value: string }>;
    expect(f.sent[0]).toMatchObject({ touser: 'openid-of-resident', templateId: 'tpl-x' });
    expect(Array.from(data.thing1.value)).toHaveLength(20);
    expect(data.phrase2.value).toBe('已受理');
    expect(data.time3.value).toBe('2026年03月03日 07:59');
    expect(f.records).toEqual([
      expect.objectContaining({ outcome: 'sent', requestId: 'req-1', templateId: 'tpl-x' }),
    ]);
    expect(JSON.stringify(f.records)).not.toContain('openid-of-resident');
  });

  it("opens the resident's request detail page by default, with the id the page reads", async () => {
    process.env.SGZ_TPL_REQUEST_STATUS = 'tpl-x';
    delete process.env.SGZ_TPL_REQUEST_STATUS_PAGE;
    const f = fakes(async () => ({ errCode: 0 }));
    await notifyStatus(f.cloud, f.db, { ...notice, requestId: 'req-a b' });
    expect(f.sent[0].page).toBe('subpackages/resident/request-detail/index?id=req-a%20b');
    // The page is a real page of the mini-program (main package or subpackage), and it reads `id`.
    const root = join(__dirname, '../../../client/src');
    Object.assign(globalThis, { defineAppConfig: (c: unknown) => c });
    // A computed path: the client's config is read at run time, not type-checked with the functions.
    const app = ((await import(join(root, 'app.config'))) as { default: unknown }).default as {
      pages: string[];
      subPackages: { root: string; pages: string[] }[];
    };
    const pages = [...app.pages, ...app.subPackages.flatMap((s) => s.pages.map((p) => `${s.root}/${p}`))];
    expect(pages).toContain(DEFAULT_STATUS_PAGE);
    expect(readFileSync(join(root, DEFAULT_STATUS_PAGE + '.tsx'), 'utf8')).toMatch(/params\.id\b/);
  });

  it('a configured page: a leading slash is dropped, a page with a query gets &id=', async () => {
    process.env.SGZ_TPL_REQUEST_STATUS = 'tpl-x';
    try {
      process.env.SGZ_TPL_REQUEST_STATUS_PAGE = '/pages/request-detail/index';
      const f = fakes(async () => ({ errCode: 0 }));
      await notifyStatus(f.cloud, f.db, notice);
      process.env.SGZ_TPL_REQUEST_STATUS_PAGE = 'pages/request-detail/index?from=msg';
      await notifyStatus(f.cloud, f.db, notice);
      expect(f.sent.map((p) => p.page)).toEqual([
        'pages/request-detail/index?id=req-1',
        'pages/request-detail/index?from=msg&id=req-1',
      ]);
    } finally {
      delete process.env.SGZ_TPL_REQUEST_STATUS_PAGE;
    }
  });

  it('a failing send does not throw and is recorded with its errcode', async () => {
    process.env.SGZ_TPL_REQUEST_STATUS = 'tpl-x';
    const f = fakes(async () => {
      throw Object.assign(new Error('user refused'), { errCode: 43101 });
    });
    await expect(notifyStatus(f.cloud, f.db, notice)).resolves.toBeUndefined();
    expect(f.records).toEqual([expect.objectContaining({ outcome: 'failed', errCode: 43101 })]);
  });

  it('with no template configured nothing is sent and the skip is recorded', async () => {
    delete process.env.SGZ_TPL_REQUEST_STATUS;
    const f = fakes(async () => ({ errCode: 0 }));
    await notifyStatus(f.cloud, f.db, notice);
    expect(f.sent).toHaveLength(0);
    expect(f.records).toEqual([expect.objectContaining({ outcome: 'skipped' })]);
  });
});

describe('noticeFor', () => {
  const doc = { _id: 'req-2', ownerId: 'u-2', ownerOpenid: 'o-2', itemTitle: null, area: '养老服务' };
  it('addresses the owner and falls back to the service area as the title', () => {
    expect(noticeFor(doc, 'cancelled', '您已取消该求助', notice.at)).toEqual({
      requestId: 'req-2',
      touser: 'o-2',
      ownerId: 'u-2',
      status: 'cancelled',
      itemTitle: '养老服务',
      note: '您已取消该求助',
      at: notice.at,
    });
  });
  it('is null without an owner OPENID, and notifyStatus then sends and records nothing', async () => {
    process.env.SGZ_TPL_REQUEST_STATUS = 'tpl-x';
    const n = noticeFor({ ...doc, ownerOpenid: '' }, 'submitted', '', notice.at);
    expect(n).toBeNull();
    const f = fakes(async () => ({ errCode: 0 }));
    await notifyStatus(f.cloud, f.db, n);
    expect(f.sent).toHaveLength(0);
    expect(f.records).toHaveLength(0);
    delete process.env.SGZ_TPL_REQUEST_STATUS;
  });
});
