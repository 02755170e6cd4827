import { parseInput } from './common';
import {
  createInviteInput,
  listAuditLogInput,
  recordConsentInput,
  redeemInviteInput,
  updateProfileInput,
  updateQualificationInput,
} from './accounts';

const bad = (schema: Parameters<typeof parseInput>[0], input: unknown) => {
  const r = parseInput(schema, input);
  expect(r.ok).toBe(false);
  if (!r.ok) expect(r.message).toMatch(/[\u4e00-\u9fff]/);
};

describe('accounts schemas', () => {
  it('normalises invite codes and refuses the ambiguous alphabet', () => {
    expect(parseInput(redeemInviteInput, { code: 'abcd-efgh' })).toEqual({
      ok: true,
      data: { code: 'ABCDEFGH' },
    });
    bad(redeemInviteInput, { code: 'ABCDEFG0' });
    bad(redeemInviteInput, { code: 'ABC' });
    bad(redeemInviteInput, { code: { $ne: null } });
    bad(redeemInviteInput, {});
  });
  it('validates the profile and refuses unknown keys (the pipeline strips identity keys first)', () => {
    expect(parseInput(updateProfileInput, { name: '张三', phone: '13812341234' })).toEqual({
      ok: true,
      data: { name: '张三', phone: '13812341234' },
    });
    bad(updateProfileInput, { name: '张三', status: 'x' });
    bad(updateProfileInput, {});
    bad(updateProfileInput, { phone: '1381234123' });
    bad(updateProfileInput, { name: 'x'.repeat(21) });
    bad(updateProfileInput, { name: { $gt: '' } });
    bad(updateProfileInput, { name: '<script>' });
  });
  it('ties invites to a station, supervisors to stations', () => {
    expect(parseInput(createInviteInput, { staffRole: 'social_worker', stationId: 'st-tanggu' }).ok).toBe(
      true,
    );
    expect(parseInput(createInviteInput, { staffRole: 'supervisor', stationIds: ['st-tanggu'] }).ok).toBe(
      true,
    );
    bad(createInviteInput, { staffRole: 'supervisor', stationId: 'st-tanggu' });
    bad(createInviteInput, { staffRole: 'district_admin', stationId: 'st-tanggu' });
    bad(createInviteInput, { staffRole: 'social_worker' });
    bad(createInviteInput, { staffRole: 'social_worker', stationId: 'st-tanggu', validDays: 31 });
  });
  it('requires a registration date when registered', () => {
    bad(updateQualificationInput, {
      userId: 'u-1',
      kind: '社会工作师',
      number: 'A1',
      registrationStatus: 'registered',
    });
    expect(
      parseInput(updateQualificationInput, {
        userId: 'u-1',
        kind: '社会工作师',
        number: 'A1',
        registrationStatus: 'registered',
        registeredOn: '2024-02-03',
      }).ok,
    ).toBe(true);
  });
  it('checks consent subjects and audit filters', () => {
    expect(
      parseInput(recordConsentInput, {
        category: 'health',
        version: 'v',
        scope: '求助',
        subject: { kind: 'self' },
        capacity: 'self',
      }).ok,
    ).toBe(true);
    bad(recordConsentInput, {
      category: 'privacy_notice',
      version: 'v',
      scope: '求助',
      subject: { kind: 'self' },
      capacity: 'self',
    });
    bad(recordConsentInput, {
      category: 'health',
      version: 'v',
      scope: '求助',
      subject: { kind: 'other' },
      capacity: 'guardian',
    });
    bad(listAuditLogInput, { from: '2026-02-01', to: '2026-01-01' });
    bad(listAuditLogInput, { actionKey: { $regex: '.*' } });
  });
});
