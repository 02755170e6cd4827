/**
 * Bad input on every action of the files function: a clear Chinese message
 * naming the field, `invalid-argument` (or `failed-precondition` for a rule
 * of the station), and NOTHING written (the audit log aside).
 */
import { filesContract } from '../../shared/src/contracts/files';
import { useTestCloud } from '../helpers/cloud';
import { addPersons, newId, personEvent, seedFilesExtras, todayNow, verbalConsent } from './files-fixtures';
import { countsWithoutAudit, HEAD, REQUESTS_ENV, seedRequestsFixtures, WORKER } from './requests-fixtures';
import { addDays } from '../../shared/src/domain/slot';

const cloud = useTestCloud({ functions: ['files'], functionEnv: REQUESTS_ENV });
let personId: string;
beforeEach(async () => {
  await seedRequestsFixtures(cloud);
  await seedFilesExtras(cloud.db);
  [personId] = (await addPersons(cloud.db, 1, () => ({}))) as [string];
});

type Case = [
  name: string,
  as: string,
  event: () => Record<string, unknown>,
  code: string,
  message: RegExp,
  field: string | null,
];

const household = (over: Record<string, unknown> = {}) => ({
  action: 'createHousehold',
  householdId: newId('h'),
  stationId: 'st-tanggu',
  community: '新港社区',
  address: '新港二号路 1 号',
  ...over,
});
const consentEv = (over: Record<string, unknown> = {}) => ({
  action: 'recordConsent',
  consentId: newId('pc'),
  personId,
  kind: 'give',
  categories: ['health'],
  givenBy: 'self',
  day: todayNow(),
  method: 'verbal',
  witnessName: '李见证',
  ...over,
});

const CASES: Case[] = [
  [
    'listCommunities without a station',
    WORKER,
    () => ({ action: 'listCommunities' }),
    'invalid-argument',
    /缺少社工站编号/,
    'stationId',
  ],
  [
    'updateCommunities with a list that is not a list',
    HEAD,
    () => ({ action: 'updateCommunities', stationId: 'st-tanggu', communities: '新港社区' }),
    'invalid-argument',
    /社区\/村列表格式不对/,
    'communities',
  ],
  [
    'updateCommunities with a name too long',
    HEAD,
    () => ({ action: 'updateCommunities', stationId: 'st-tanggu', communities: ['长'.repeat(40)] }),
    'invalid-argument',
    /不要超过 30 个字/,
    'communities',
  ],
  [
    'createHousehold without an address',
    WORKER,
    () => household({ address: undefined }),
    'invalid-argument',
    /请填写详细地址/,
    'address',
  ],
  [
    'createHousehold with an id that is no client id',
    WORKER,
    () => household({ householdId: 'a' }),
    'invalid-argument',
    /家庭编号格式不对/,
    'householdId',
  ],
  [
    'createHousehold with a bad contact phone',
    WORKER,
    () => household({ contact: { name: '王建国', phone: '12345' } }),
    'invalid-argument',
    /联系人电话格式不对/,
    'contact.phone',
  ],
  [
    'createHousehold in a community not on the list',
    WORKER,
    () => household({ community: '月亮社区' }),
    'failed-precondition',
    /不在本站的社区\/村列表中/,
    'community',
  ],
  [
    'updateHousehold with nothing to change',
    WORKER,
    () => ({ action: 'updateHousehold', householdId: 'h-12345678' }),
    'invalid-argument',
    /请填写要修改的地址或联系人/,
    null,
  ],
  [
    'createPerson without a name',
    WORKER,
    () => personEvent({ name: undefined }),
    'invalid-argument',
    /请填写姓名/,
    'name',
  ],
  [
    'createPerson with digits in the name',
    WORKER,
    () => personEvent({ name: '王1' }),
    'invalid-argument',
    /姓名只能包含汉字/,
    'name',
  ],
  [
    'createPerson with neither birth date nor year',
    WORKER,
    () => personEvent({ birthYear: undefined }),
    'invalid-argument',
    /请填写出生日期，或至少填写出生年份/,
    'birthDate',
  ],
  [
    'createPerson born tomorrow',
    WORKER,
    () => personEvent({ birthYear: undefined, birthDate: addDays(todayNow(), 1) }),
    'invalid-argument',
    /出生日期不能晚于今天/,
    'birthDate',
  ],
  [
    'createPerson with an ID number whose check digit is wrong',
    WORKER,
    () => personEvent({ idNumber: '120107199001011238', birthYear: 1990 }),
    'invalid-argument',
    /校验码不对/,
    'idNumber',
  ],
  [
    'createPerson with an ID number of another birth year',
    WORKER,
    () => personEvent({ idNumber: '120107199001011237', birthYear: 1942 }),
    'invalid-argument',
    /出生年份与身份证号中的出生年份（1990）不一致/,
    'birthYear',
  ],
  [
    'createPerson with an unknown category',
    WORKER,
    () => personEvent({ categories: ['富裕'] }),
    'invalid-argument',
    /服务对象类别不在可选范围内/,
    'categories.0',
  ],
  [
    'createPerson with a category twice',
    WORKER,
    () => personEvent({ categories: ['独居', '独居'] }),
    'invalid-argument',
    /服务对象类别有重复/,
    'categories',
  ],
  [
    'createPerson with an unknown risk tier',
    WORKER,
    () => personEvent({ risk: '极高' }),
    'invalid-argument',
    /风险等级不在可选范围内/,
    'risk',
  ],
  [
    'createPerson with a bad phone',
    WORKER,
    () => personEvent({ phone: '110' }),
    'invalid-argument',
    /联系电话格式不对/,
    'phone',
  ],
  [
    'createPerson with an operator for a name',
    WORKER,
    () => personEvent({ name: { $ne: null } }),
    'invalid-argument',
    /姓名必须是文字/,
    'name',
  ],
  [
    'createPerson with an unknown key',
    WORKER,
    () => personEvent({ ownerId: 'u-x' }),
    'invalid-argument',
    /不支持的内容/,
    'ownerId',
  ],
  [
    'createPerson with 残疾 and no consent',
    WORKER,
    () => personEvent({ categories: ['残疾/重残'] }),
    'failed-precondition',
    /“残疾\/重残”属于残疾情况等敏感个人信息.*本次没有保存/,
    null,
  ],
  [
    'createPerson with health notes and no consent',
    WORKER,
    () => personEvent({ healthNotes: '糖尿病' }),
    'failed-precondition',
    /“健康状况”属于健康状况等敏感个人信息/,
    null,
  ],
  [
    'createPerson with a paper consent and no photo',
    WORKER,
    () =>
      personEvent({
        categories: ['失能'],
        consent: verbalConsent(['disability'], { method: 'paper', witnessName: undefined }),
      }),
    'invalid-argument',
    /请拍照上传签字的同意书/,
    'consent.fileId',
  ],
  [
    'createPerson with a verbal consent and no witness',
    WORKER,
    () =>
      personEvent({
        categories: ['失能'],
        consent: verbalConsent(['disability'], { witnessName: undefined }),
      }),
    'invalid-argument',
    /请填写见证人姓名/,
    'consent.witnessName',
  ],
  [
    'createPerson with a guardian consent and no guardian',
    WORKER,
    () => personEvent({ consent: verbalConsent(['health'], { givenBy: 'guardian' }) }),
    'invalid-argument',
    /请填写监护人姓名和关系/,
    'consent.guardian',
  ],
  [
    'createPerson with a consent dated tomorrow',
    WORKER,
    () =>
      personEvent({
        categories: ['失能'],
        consent: verbalConsent(['disability'], { day: addDays(todayNow(), 1) }),
      }),
    'invalid-argument',
    /同意日期不能晚于今天/,
    'consent.day',
  ],
  [
    'createPerson with a worker of no station',
    WORKER,
    () => personEvent({ assignedWorkerId: 'u-nobody' }),
    'invalid-argument',
    /负责社工不是本站在职的社工或站长/,
    'assignedWorkerId',
  ],
  [
    'createPerson in a household that does not exist',
    WORKER,
    () => personEvent({ householdId: 'h-missing-1234' }),
    'failed-precondition',
    /没有找到该家庭/,
    'householdId',
  ],
  [
    'updatePerson without a revision',
    WORKER,
    () => ({ action: 'updatePerson', personId, notes: '改' }),
    'invalid-argument',
    /缺少档案版本/,
    'rev',
  ],
  [
    'updatePerson linking an account by id',
    WORKER,
    () => ({ action: 'updatePerson', personId, rev: 1, linkedUserId: 'u-123' }),
    'invalid-argument',
    /关联微信账号请通过该居民的求助进行/,
    'linkedUserId',
  ],
  [
    'updatePerson with a status not in the list',
    WORKER,
    () => ({ action: 'updatePerson', personId, rev: 1, status: '失踪' }),
    'invalid-argument',
    /档案状态不在可选范围内/,
    'status',
  ],
  [
    'getPerson without an id',
    WORKER,
    () => ({ action: 'getPerson' }),
    'invalid-argument',
    /缺少档案编号/,
    'personId',
  ],
  [
    'getPerson with an operator',
    WORKER,
    () => ({ action: 'getPerson', personId: { $gt: '' } }),
    'invalid-argument',
    /档案编号格式不对/,
    'personId',
  ],
  [
    'listPersons with a page too big',
    WORKER,
    () => ({ action: 'listPersons', stationId: 'st-tanggu', limit: 500 }),
    'invalid-argument',
    /每页数量不能超过 50/,
    'limit',
  ],
  [
    'listPersons with a tampered cursor',
    WORKER,
    () => ({ action: 'listPersons', stationId: 'st-tanggu', cursor: 'bm90LWEtY3Vyc29y' }),
    'invalid-argument',
    /列表已更新，请下拉刷新后再试/,
    'cursor',
  ],
  [
    'listPersons with an unknown due filter',
    WORKER,
    () => ({ action: 'listPersons', stationId: 'st-tanggu', due: 'soon' }),
    'invalid-argument',
    /走访到期情况不在可选范围内/,
    'due',
  ],
  [
    'listDue paging without a bucket',
    WORKER,
    () => ({ action: 'listDue', cursor: 'abc' }),
    'invalid-argument',
    /翻页时请指定待访分类/,
    'bucket',
  ],
  [
    'countDue with mine as text',
    WORKER,
    () => ({ action: 'countDue', mine: 'yes' }),
    'invalid-argument',
    /参数格式不对/,
    'mine',
  ],
  [
    'countFiles with an unknown status',
    HEAD,
    () => ({ action: 'countFiles', status: 'all' }),
    'invalid-argument',
    /档案状态不在可选范围内/,
    'status',
  ],
  [
    'recordConsent without categories',
    WORKER,
    () => consentEv({ categories: [] }),
    'invalid-argument',
    /请至少选择一类同意的信息/,
    'categories',
  ],
  [
    'recordConsent of an unknown kind',
    WORKER,
    () => consentEv({ kind: 'maybe' }),
    'invalid-argument',
    /登记类型（同意或撤回）不在可选范围内/,
    'kind',
  ],
  [
    'recordConsent with a photo that is no cloud file',
    WORKER,
    () => consentEv({ method: 'paper', witnessName: undefined, fileId: 'http://evil/x.jpg' }),
    'invalid-argument',
    /同意书照片格式不对/,
    'fileId',
  ],
  [
    'recordConsent dated tomorrow',
    WORKER,
    () => consentEv({ day: addDays(todayNow(), 1) }),
    'invalid-argument',
    /同意日期不能晚于今天/,
    'day',
  ],
  [
    'getMyFile with an input',
    'demo-resident-1',
    () => ({ action: 'getMyFile', personId }),
    'invalid-argument',
    /不支持的内容/,
    'personId',
  ],
  [
    'linkRequest without a file',
    WORKER,
    () => ({ action: 'linkRequest', requestId: 'req-12345678' }),
    'invalid-argument',
    /缺少档案编号/,
    'personId',
  ],
  [
    'createPersonFromRequest without a risk tier',
    WORKER,
    () => ({
      action: 'createPersonFromRequest',
      requestId: 'req-12345678',
      personId: newId('p'),
      birthYear: 1950,
      livingSituation: '独居',
    }),
    'invalid-argument',
    /请选择风险等级/,
    'risk',
  ],
];

describe('bad input on every action: a Chinese message, nothing written', () => {
  it('has cases for every action of the contract', () => {
    const covered = new Set(CASES.map(([, , ev]) => String(ev().action)));
    expect([...covered].sort()).toEqual(Object.keys(filesContract.actions).sort());
  });

  it.each(CASES)('%s', async (_name, as, event, code, message, field) => {
    const before = countsWithoutAudit(cloud);
    const res = await cloud.callAs(as, 'files', event());
    if (res.ok) throw new Error(`expected ${code}, got ok`);
    expect(res.error.code).toBe(code);
    expect(res.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.error.message).toMatch(message);
    if (field) expect((res.error.details as { field?: string } | undefined)?.field).toBe(field);
    expect(countsWithoutAudit(cloud)).toEqual(before);
  });
});
