import { invokeFunction } from './backend';
import { callFunction, isTransportError, NETWORK_MESSAGE } from './call';

jest.mock('./backend');
const mockedInvoke = jest.mocked(invokeFunction);

beforeEach(() => mockedInvoke.mockReset());

describe('callFunction', () => {
  it('sends the action with its input and passes a success through', async () => {
    mockedInvoke.mockResolvedValue({ ok: true, data: { items: [] } });
    const res = await callFunction('stations', 'nearestStations', { latitude: 39, longitude: 117.6 });
    expect(mockedInvoke).toHaveBeenCalledWith('stations', {
      latitude: 39,
      longitude: 117.6,
      action: 'nearestStations',
    });
    expect(res).toEqual({ ok: true, data: { items: [] } });
  });

  it("passes the function's own error through", async () => {
    mockedInvoke.mockResolvedValue({ ok: false, error: { code: 'not-found', message: '没有找到' } });
    const res = await callFunction('stations', 'getStation', { id: 'st-x' });
    expect(res).toEqual({ ok: false, error: { code: 'not-found', message: '没有找到', details: undefined } });
    expect(isTransportError(res)).toBe(false);
  });

  it.each([
    ['a thrown transport error', () => mockedInvoke.mockRejectedValue(new Error('request:fail timeout'))],
    ['a non-JSON reply (null)', () => mockedInvoke.mockResolvedValue(null)],
    ['an HTML page', () => mockedInvoke.mockResolvedValue('<html>502 Bad Gateway</html>')],
    ['a reply without ok', () => mockedInvoke.mockResolvedValue({ data: 1 })],
  ])('turns %s into a Chinese network message', async (_name, arrange) => {
    arrange();
    const res = await callFunction('stations', 'listStations', {});
    expect(res).toEqual({
      ok: false,
      error: { code: 'internal', message: NETWORK_MESSAGE, details: { transport: true } },
    });
    expect(isTransportError(res)).toBe(true);
  });

  it('closes an unknown error code to internal, keeping the message', async () => {
    mockedInvoke.mockResolvedValue({ ok: false, error: { code: 'teapot', message: '请稍后再试' } });
    const res = await callFunction('stations', 'listStations', {});
    expect(res.ok).toBe(false);
    if (!res.ok) expect(res.error).toMatchObject({ code: 'internal', message: '请稍后再试' });
  });

  it('does not let the input override the action name', async () => {
    mockedInvoke.mockResolvedValue({ ok: true, data: null });
    await callFunction('stations', 'getStation', { id: 'st-a', action: 'deleteEverything' } as never);
    expect(mockedInvoke.mock.calls[0]![1]).toMatchObject({ action: 'getStation' });
  });
});
