import { resetUserScopeForTests } from '../src/utils/user-scope';
import { resetTaroStub } from './taro-stub';

beforeEach(async () => {
  resetTaroStub();
  resetUserScopeForTests();
  // Imported here, not at the top: the test file's jest.mock calls must apply to the
  // services it imports (a top-level import would load them first).
  (await import('../src/hooks/use-staff-station')).resetMeForTests();
});

// One known jsdom-only warning is dropped: updates that arrive from timers and resolved
// service mocks after an event (debounce, loading) are not inside act(): the tests
// poll for their result with `eventually` instead.
const originalError = console.error;
beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = typeof args[0] === 'string' ? args[0] : '';
    if (text.includes('not wrapped in act(')) return;
    originalError(...args);
  });
});
