import { DEFAULT_REMINDER_PAGE, reminderConfig } from './config';

describe('reminderConfig', () => {
  it('has no template unless one is configured (the run then records `skipped` and sends nothing)', () => {
    expect(reminderConfig({})).toEqual({
      templateId: null,
      page: DEFAULT_REMINDER_PAGE,
      miniprogramState: null,
    });
    expect(reminderConfig({ SGZ_TPL_QUOTA_REMINDER: '  ' }).templateId).toBeNull();
  });
  it('reads the template, the page (no leading slash) and a known miniprogram state', () => {
    expect(
      reminderConfig({
        SGZ_TPL_QUOTA_REMINDER: ' tpl-1 ',
        SGZ_TPL_QUOTA_REMINDER_PAGE: '/subpackages/head/dashboard/index',
        SGZ_MINIPROGRAM_STATE: 'trial',
      }),
    ).toEqual({ templateId: 'tpl-1', page: 'subpackages/head/dashboard/index', miniprogramState: 'trial' });
    expect(reminderConfig({ SGZ_MINIPROGRAM_STATE: 'beta' }).miniprogramState).toBeNull();
  });
});
