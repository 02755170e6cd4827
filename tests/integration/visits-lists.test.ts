/**
 * Issue 10, after sync: the lists the phone's screens read (本站走访记录, the
 * latest visits on a person's file, the supervisor's masked list) through the
 * real SDK on the emulator: a person's visits only, newest first, `limit` and
 * the cursor, counts of photos and follow-ups, names masked for everyone.
 */
import type { SubmitVisitOutput, VisitListItem, VisitsPage } from '../../shared/src/contracts/visits';
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import { addDays } from '../../shared/src/domain/slot';
import { useTestCloud } from '../helpers/cloud';
import { addPersons, newId, seedFilesExtras, todayNow } from './files-fixtures';
import { HEAD, SUPERVISOR, TANGGU, WORKER, ok, seedRequestsFixtures } from './requests-fixtures';
import { sdk } from './roster-fixtures';

const cloud = useTestCloud({ functions: ['visits'] });
beforeEach(async () => {
  await seedRequestsFixtures(cloud);
  await seedFilesExtras(cloud.db);
});

/** A visit at 塘沽 of `personIds` that started `hoursAgo` hours ago and lasted half an hour. */
const visit = (personIds: string[], hoursAgo: number, over: Record<string, unknown> = {}) => ({
  stationId: TANGGU,
  personIds,
  workerIds: [userIdFor(WORKER)],
  type: '常规探访',
  mode: '上门',
  startAt: new Date(Date.now() - hoursAgo * 3600_000).toISOString(),
  endAt: new Date(Date.now() - hoursAgo * 3600_000 + 1800_000).toISOString(),
  findings: { living: '屋内整洁' },
  needs: [],
  services: [],
  location: { refused: '居民不同意定位' },
  confirmation: { noSignatureReason: '电话走访，无需签名' },
  ...over,
});

async function submit(payload: Record<string, unknown>, fileIds: string[] = [], id = newId('vs')) {
  ok(
    await cloud.callAs<SubmitVisitOutput>(WORKER, 'visits', {
      action: 'submitVisit',
      id,
      version: 1,
      payload,
      fileIds,
    }),
  );
  return id;
}

const list = (who: string, input: Record<string, unknown>) =>
  cloud.callAs<VisitsPage<VisitListItem>>(who, 'visits', {
    action: 'listVisits',
    stationId: TANGGU,
    ...input,
  });

describe('listVisits as the screens read it', () => {
  it("a person's visits only, newest first, `limit` and the cursor; counts; names masked", async () => {
    const [zhang, wang] = await addPersons(cloud.db, 2, (i) => ({ name: i === 0 ? '张桂兰' : '王秀英' }));
    const oldest = await submit(visit([zhang!], 30));
    const other = await submit(visit([wang!], 20));
    const id = newId('vs');
    const photo = (
      await sdk().uploadFile({ cloudPath: `outbox/visit/${id}/0.jpg`, fileContent: Buffer.from('jpeg') })
    ).fileID;
    const both = await submit(
      visit([zhang!, wang!], 10, {
        photoFileIds: [photo],
        followUps: [
          { action: '联系社区更换燃气软管', ownerId: userIdFor(WORKER), dueDay: addDays(todayNow(), 7) },
        ],
      }),
      [photo],
      id,
    );
    const newest = await submit(visit([zhang!], 2));

    const all = ok(await list(WORKER, {}));
    expect(all.items.map((v) => v.id)).toEqual([newest, both, other, oldest]);

    const first = ok(await list(WORKER, { personId: zhang, limit: 2 }));
    expect(first.items.map((v) => v.id)).toEqual([newest, both]);
    expect(first.nextCursor).not.toBeNull();
    const rest = ok(await list(WORKER, { personId: zhang, limit: 2, cursor: first.nextCursor }));
    expect(rest.items.map((v) => v.id)).toEqual([oldest]);
    expect(rest.nextCursor).toBeNull();

    const shared = first.items[1]!;
    expect(shared).toMatchObject({ photoCount: 1, followUpCount: 1, hasConflict: false });
    expect(shared.persons.map((p) => p.name)).toEqual(['张**', '王**']);

    // The head and the assigned supervisor read the same list, masked.
    for (const who of [HEAD, SUPERVISOR]) {
      const seen = ok(await list(who, { personId: wang }));
      expect(seen.items.map((v) => v.id)).toEqual([both, other]);
      expect(seen.items.flatMap((v) => v.persons.map((p) => p.name))).toEqual(['张**', '王**', '王**']);
    }
  });
});
