import { DEMO_USERS } from '../shared/src/seed/demo-users';
import { SEED_STATIONS } from '../shared/src/seed/districts';
import { demoItemDocs } from './seed';

describe('demo service items of the local seed (issue 15 item 17)', () => {
  const now = new Date('2026-12-02T02:00:00Z');
  const docs = demoItemDocs(now);
  const headStations = new Set(
    DEMO_USERS.filter((u) => u.role === 'station_head').map((u) => u.stationId as string),
  );

  it('keeps every station’s demo items marked demo (off the public list) but the demo heads’', () => {
    expect(headStations.size).toBeGreaterThan(0);
    expect(new Set(docs.map((d) => d.stationId)).size).toBe(SEED_STATIONS.length);
    for (const d of docs) {
      expect({ id: d._id, demo: d.demo }).toEqual({
        id: d._id,
        demo: !headStations.has(d.stationId as string),
      });
    }
    expect(docs.filter((d) => d.demo === true).length).toBeGreaterThan(docs.length / 2);
  });

  it('records the review of the demo heads’ items as theirs', () => {
    for (const d of docs.filter((x) => x.demo === false)) {
      expect(d.updatedBy).toMatch(/^u-demo-demo-head-/);
      expect(d.updatedAt).toBe(now);
    }
  });
});
