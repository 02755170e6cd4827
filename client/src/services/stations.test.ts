import type { StationSummary } from '@sgz/shared';
import { callFunction } from './call';
import { listAllStations } from './stations';

jest.mock('./call');
const mockedCall = jest.mocked(callFunction);

const station = (id: string, unitKind: 'street' | 'township'): StationSummary =>
  ({ id, officialName: `站 ${id}`, unitName: id, unitKind, specialty: null }) as StationSummary;

beforeEach(() => mockedCall.mockReset());

describe('listAllStations', () => {
  it('follows nextOffset and merges the groups of every page in order', async () => {
    mockedCall
      .mockResolvedValueOnce({
        ok: true,
        data: {
          groups: [{ kind: 'street', label: '街道', items: [station('a', 'street')] }],
          total: 3,
          nextOffset: 1,
        },
      })
      .mockResolvedValueOnce({
        ok: true,
        data: {
          groups: [
            { kind: 'street', label: '街道', items: [station('b', 'street')] },
            { kind: 'township', label: '镇', items: [station('c', 'township')] },
          ],
          total: 3,
          nextOffset: null,
        },
      });

    const res = await listAllStations('滨海');

    expect(mockedCall.mock.calls).toEqual([
      ['stations', 'listStations', { query: '滨海', offset: 0, limit: 50 }],
      ['stations', 'listStations', { query: '滨海', offset: 1, limit: 50 }],
    ]);
    expect(res.ok && res.data.groups.map((g) => [g.kind, g.items.map((s) => s.id)])).toEqual([
      ['street', ['a', 'b']],
      ['township', ['c']],
    ]);
    expect(res.ok && res.data.total).toBe(3);
  });

  it('fails as a whole when a later page fails (never a silently partial list)', async () => {
    mockedCall
      .mockResolvedValueOnce({ ok: true, data: { groups: [], total: 60, nextOffset: 50 } })
      .mockResolvedValueOnce({ ok: false, error: { code: 'internal', message: '网络不太好，请稍后重试' } });
    const res = await listAllStations();
    expect(res).toEqual({ ok: false, error: { code: 'internal', message: '网络不太好，请稍后重试' } });
  });

  it('stops after a bounded number of pages', async () => {
    mockedCall.mockResolvedValue({ ok: true, data: { groups: [], total: 1, nextOffset: 1 } });
    await listAllStations();
    expect(mockedCall).toHaveBeenCalledTimes(10);
  });
});
