import { movedPageUrl, requestDetailUrl } from './routes';

describe('pages that moved to the resident subpackage', () => {
  it('opens an old link (a status message sent before the move) at the new place, query kept', () => {
    expect(movedPageUrl('pages/request-detail/index', { id: 'rq 1', from: 'msg' })).toBe(
      '/subpackages/resident/request-detail/index?id=rq%201&from=msg',
    );
    expect(movedPageUrl('/pages/my-requests/index')).toBe('/subpackages/resident/my-requests/index');
    expect(movedPageUrl('pages/request/index', { stationId: 'st-tanggu' })).toBe(
      '/subpackages/resident/request/index?stationId=st-tanggu',
    );
    // The new detail URL is what the app itself builds.
    expect(movedPageUrl('pages/request-detail/index', { id: 'rq-1' })).toBe(requestDetailUrl('rq-1'));
  });

  it('leaves any other missing page alone', () => {
    expect(movedPageUrl('pages/nowhere/index', { id: 'x' })).toBeNull();
  });
});
