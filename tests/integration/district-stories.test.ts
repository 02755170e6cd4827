/**
 * Issue 14, good practice for residents, through the real SDK on the
 * emulator: a case story needs the person's recorded publicity consent (and
 * is refused without it), an outstanding worker the worker's agreement; the
 * district approves; a withdrawal (by the district, or the head recording the
 * person's withdrawal) takes the story off the residents' page at once; the
 * public list shows only approved stories; the district never sees anything
 * of the person's file through any of this.
 */
import { COLLECTIONS } from '../../shared/src/collections';
import type { PublicStoryDto, StoryDto } from '../../shared/src/contracts/district';
import { userIdFor } from '../../cloudfunctions/_lib/authz';
import { beijingYear } from '../../shared/src/calendar';
import { useTestCloud } from '../helpers/cloud';
import { addPersons, newId, todayNow } from './files-fixtures';
import {
  DAGANG,
  HEAD,
  RESIDENT,
  TANGGU,
  WORKER,
  WORKER_ELSEWHERE,
  err,
  ok,
  seedRequestsFixtures,
} from './requests-fixtures';

const cloud = useTestCloud({ functions: ['district'] });
const ADMIN = 'demo-admin-1';
const DENIED = { code: 'permission-denied', message: '您没有权限进行此操作' };
const PERSON_NAME = '王秀英';

let personId = '';
let childId = '';
let dagangPersonId = '';

beforeEach(async () => {
  await seedRequestsFixtures(cloud);
  await cloud.db
    .collection(COLLECTIONS.users)
    .doc(userIdFor(WORKER))
    .update({ data: { name: '李明' } });
  [personId] = await addPersons(cloud.db, 1, () => ({
    name: PERSON_NAME,
    birthYear: 1942,
    phone: '13812345678',
  }));
  [childId] = await addPersons(cloud.db, 1, () => ({ name: '小明', birthYear: beijingYear(new Date()) - 8 }));
  [dagangPersonId] = await addPersons(cloud.db, 1, () => ({ stationId: DAGANG, community: '迎宾街社区' }));
});

const call = <T>(openid: string | null, action: string, input: Record<string, unknown> = {}) =>
  cloud.callAs<T>(openid, 'district', { action, ...input });
const counts = () => {
  const c = cloud.counts();
  return { consents: c[COLLECTIONS.publicityConsents] ?? 0, stories: c[COLLECTIONS.stories] ?? 0 };
};

const consent = (over: Record<string, unknown> = {}) => ({
  consentId: newId('pub'),
  personId,
  kind: 'give',
  givenBy: 'self',
  day: todayNow(),
  method: 'verbal',
  witnessName: '张见证',
  ...over,
});
const caseStory = (consentId: string | null, over: Record<string, unknown> = {}) => ({
  storyId: newId('story'),
  stationId: TANGGU,
  kind: 'case_story',
  title: '独居老人重拾笑容',
  text: '社工多次入户陪伴王阿姨，帮她链接助餐服务，如今她每周参加小组活动。',
  consentId,
  ...over,
});
const workerStory = (over: Record<string, unknown> = {}) => ({
  storyId: newId('story'),
  stationId: TANGGU,
  kind: 'outstanding_worker',
  title: '扎根社区的好社工',
  text: '三年来走访困难家庭两百余户。',
  workerId: userIdFor(WORKER),
  workerConsent: true,
  ...over,
});
const publicList = (stationId = TANGGU) =>
  call<{ items: PublicStoryDto[] }>(null, 'listStationStories', { stationId }).then((r) => ok(r).items);

describe('case stories need the recorded publicity consent', () => {
  it('without a consent record, with a consent of another file, or after a withdrawal: refused, nothing written', async () => {
    const noConsent = err(await call(HEAD, 'submitStory', caseStory(null)));
    expect(noConsent).toMatchObject({ code: 'invalid-argument' });
    expect(noConsent.message).toContain('请先登记宣传同意');
    const unknown = err(await call(HEAD, 'submitStory', caseStory('pub-never-recorded')));
    expect(unknown.code).toBe('failed-precondition');
    expect(unknown.message).toContain('不能提交或发布案例故事');
    expect(counts().stories).toBe(0);

    const given = consent();
    ok(await call(HEAD, 'recordPublicityConsent', given));
    ok(await call(HEAD, 'recordPublicityConsent', consent({ kind: 'withdraw' })));
    expect(err(await call(HEAD, 'submitStory', caseStory(given.consentId))).code).toBe('failed-precondition');
    expect(counts().stories).toBe(0);
  });

  it('a head records consent only for their own station’s files; a child’s consent is the guardian’s', async () => {
    expect(err(await call(HEAD, 'recordPublicityConsent', consent({ personId: dagangPersonId })))).toEqual(
      DENIED,
    );
    expect(err(await call(HEAD, 'recordPublicityConsent', consent({ personId: 'p-missing-file' })))).toEqual(
      DENIED,
    );
    expect(err(await call(ADMIN, 'recordPublicityConsent', consent()))).toEqual(DENIED);
    expect(err(await call(HEAD, 'recordPublicityConsent', consent({ personId: childId })))).toMatchObject({
      code: 'invalid-argument',
      message: '服务对象未满 14 周岁，须由监护人表示同意，请改为监护人同意',
    });
    expect(
      err(await call(HEAD, 'recordPublicityConsent', consent({ method: 'paper', witnessName: null }))),
    ).toMatchObject({
      code: 'invalid-argument',
      message: '书面同意请拍照上传签字的同意书',
    });
    ok(
      await call(
        HEAD,
        'recordPublicityConsent',
        consent({ personId: childId, givenBy: 'guardian', guardianName: '王大伟' }),
      ),
    );
    expect(counts().consents).toBe(1);
  });

  it('an anonymised text only: no phone or ID number, not the person’s name', async () => {
    const given = consent();
    ok(await call(HEAD, 'recordPublicityConsent', given));
    expect(
      err(
        await call(
          HEAD,
          'submitStory',
          caseStory(given.consentId, { text: '有需要请致电 13812345678 联系。' }),
        ),
      ),
    ).toMatchObject({
      code: 'invalid-argument',
      message: '故事中有电话号码或身份证号，请删去后再提交（宣传内容须匿名）',
    });
    expect(
      err(
        await call(HEAD, 'submitStory', caseStory(given.consentId, { text: `${PERSON_NAME}老人独居多年。` })),
      ),
    ).toMatchObject({
      code: 'invalid-argument',
      message: '故事中出现了服务对象的姓名，请改用化名（如“张阿姨”）后再提交',
    });
    expect(counts().stories).toBe(0);
  });
});

describe('approve, publish, withdraw', () => {
  it('with consent: submitted, approved by the district, shown to residents; the person’s withdrawal takes it down at once', async () => {
    const given = consent();
    ok(await call(HEAD, 'recordPublicityConsent', given));
    const input = caseStory(given.consentId);
    const submitted = ok(await call<{ story: StoryDto; created: boolean }>(HEAD, 'submitStory', input));
    expect(submitted).toMatchObject({
      created: true,
      story: { status: 'pending', consent: { givenBy: 'self', method: 'verbal' } },
    });
    // A repeat from the outbox is the same story, not a second one.
    expect(ok(await call<{ created: boolean }>(HEAD, 'submitStory', input)).created).toBe(false);
    expect(await publicList()).toEqual([]);

    expect(err(await call(HEAD, 'approveStory', { storyId: input.storyId }))).toEqual(DENIED);
    const approved = ok(
      await call<{ story: StoryDto }>(ADMIN, 'approveStory', { storyId: input.storyId }),
    ).story;
    expect(approved.status).toBe('approved');
    // The district sees the story and the fact of consent, nothing of the person.
    const seen = JSON.stringify([submitted, approved, ok(await call(ADMIN, 'listStories', {}))]);
    for (const secret of [personId, PERSON_NAME, '13812345678', '张见证']) expect(seen).not.toContain(secret);

    const shown = await publicList();
    expect(shown).toEqual([
      expect.objectContaining({
        storyId: input.storyId,
        kindLabel: '案例故事',
        title: '独居老人重拾笑容',
        workerName: null,
      }),
    ]);
    expect(Object.keys(shown[0]!).sort()).toEqual([
      'kind',
      'kindLabel',
      'publishedOn',
      'storyId',
      'text',
      'title',
      'workerName',
    ]);
    expect(err(await call(ADMIN, 'approveStory', { storyId: input.storyId })).code).toBe(
      'failed-precondition',
    );

    const withdrawal = ok(
      await call<{ withdrawnStories: number }>(HEAD, 'recordPublicityConsent', consent({ kind: 'withdraw' })),
    );
    expect(withdrawal.withdrawnStories).toBe(1);
    expect(await publicList()).toEqual([]);
  });

  it('outstanding worker: the worker’s agreement, a worker of the station; withdrawn by the district', async () => {
    expect(err(await call(HEAD, 'submitStory', workerStory({ workerConsent: false })))).toMatchObject({
      code: 'invalid-argument',
      message: '宣传优秀社工须先征得该社工本人同意，请确认后再提交',
    });
    expect(
      err(await call(HEAD, 'submitStory', workerStory({ workerId: userIdFor(WORKER_ELSEWHERE) }))),
    ).toMatchObject({
      code: 'invalid-argument',
      message: '该社工不在本站在岗，请重新选择',
    });
    expect(counts().stories).toBe(0);
    const input = workerStory();
    ok(await call(HEAD, 'submitStory', input));
    ok(await call(ADMIN, 'approveStory', { storyId: input.storyId }));
    expect((await publicList()).map((s) => [s.kindLabel, s.workerName])).toEqual([['优秀社工', '李明']]);
    expect((await publicList(DAGANG)).length).toBe(0);

    const out = ok(
      await call<{ story: StoryDto }>(ADMIN, 'withdrawStory', {
        storyId: input.storyId,
        reason: '内容需更新',
      }),
    );
    expect(out.story).toMatchObject({ status: 'withdrawn', withdrawReason: '内容需更新' });
    expect(await publicList()).toEqual([]);
    expect(err(await call(ADMIN, 'approveStory', { storyId: input.storyId })).code).toBe(
      'failed-precondition',
    );
  });

  it('the head records a withdrawal through the story: gone at once, and the consent serves no other story', async () => {
    const given = consent();
    ok(await call(HEAD, 'recordPublicityConsent', given));
    const input = caseStory(given.consentId);
    ok(await call(HEAD, 'submitStory', input));
    ok(await call(ADMIN, 'approveStory', { storyId: input.storyId }));
    ok(
      await call(HEAD, 'withdrawStory', {
        storyId: input.storyId,
        reason: '本人要求撤下',
        consentWithdrawn: true,
      }),
    );
    expect(await publicList()).toEqual([]);
    expect(err(await call(HEAD, 'submitStory', caseStory(given.consentId))).code).toBe('failed-precondition');
  });

  it('scope: a head proposes and withdraws for their station only; residents and workers manage nothing', async () => {
    expect(err(await call(HEAD, 'submitStory', workerStory({ stationId: DAGANG })))).toEqual(DENIED);
    const input = workerStory();
    ok(await call(HEAD, 'submitStory', input));
    const other = workerStory({ stationId: DAGANG, workerId: userIdFor(WORKER_ELSEWHERE) });
    ok(await call(ADMIN, 'submitStory', other));
    expect(
      err(await call('demo-head-tanggu', 'withdrawStory', { storyId: other.storyId, reason: '测试' })),
    ).toEqual(DENIED);
    const mine = ok(await call<{ items: StoryDto[] }>(HEAD, 'listStories', {})).items;
    expect(mine.map((s) => s.storyId)).toEqual([input.storyId]);
    expect(
      ok(await call<{ items: StoryDto[] }>(ADMIN, 'listStories', { status: 'pending' })).items,
    ).toHaveLength(2);
    for (const who of [RESIDENT, WORKER]) {
      expect(err(await call(who, 'submitStory', workerStory()))).toEqual(DENIED);
      expect(err(await call(who, 'listStories', {}))).toEqual(DENIED);
    }
  });

  it('bad input: Chinese messages, nothing written', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [workerStory({ title: '' }), '请填写标题'],
      [workerStory({ kind: 'ad' }), '故事类型（案例故事或优秀社工）不在可选范围内，请重新选择'],
      [workerStory({ text: 'x'.repeat(2001) }), '正文请不要超过 2000 个字'],
      [workerStory({ storyId: 'bad id' }), '故事编号格式不对，请重新提交'],
      [workerStory({ workerId: null }), '请选择要宣传的优秀社工'],
    ];
    for (const [input, message] of cases) {
      expect(err(await call(HEAD, 'submitStory', input))).toMatchObject({
        code: 'invalid-argument',
        message,
      });
    }
    expect(counts().stories).toBe(0);
  });
});
