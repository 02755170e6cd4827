import type { requestsContract } from '@sgz/shared';
import { invokeFunction } from './backend';
import { service } from './service';

jest.mock('./backend');
const mockedInvoke = jest.mocked(invokeFunction);

describe('service(name): methods derived from a contract', () => {
  beforeEach(() => mockedInvoke.mockReset());

  it('sends each action under the function name with its input, and answers the wire shape', async () => {
    mockedInvoke.mockResolvedValue({ ok: true, data: { request: { id: 'rq-1' } } });
    const requests = service<typeof requestsContract>('requests');
    const res = await requests.getRequest({ requestId: 'rq-1' });
    expect(mockedInvoke).toHaveBeenCalledWith('requests', { requestId: 'rq-1', action: 'getRequest' });
    expect(res).toEqual({ ok: true, data: { request: { id: 'rq-1' } } });
  });

  it('lets an action whose input is all optional be called without one', async () => {
    mockedInvoke.mockResolvedValue({ ok: true, data: { items: [], nextCursor: null } });
    await service<typeof requestsContract>('requests').listMyRequests();
    expect(mockedInvoke).toHaveBeenCalledWith('requests', { action: 'listMyRequests' });
  });

  it('gives the same method for the same action (stable for hooks)', () => {
    const s = service<typeof requestsContract>('requests');
    expect(s.listSlots).toBe(s.listSlots);
    expect(s.listSlots).not.toBe(s.getRequest);
  });
});
