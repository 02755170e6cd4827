import { resetUserScopeForTests } from '../src/utils/user-scope';
import { resetTaroStub } from './taro-stub';

beforeEach(() => {
  resetTaroStub();
  resetUserScopeForTests();
});

// Two known jsdom-only warnings are dropped: NutUI's icons set `-webkit-mask` inline
// (React objects to the hyphen), and updates that arrive from timers and resolved
// service mocks after an event (debounce, loading) are not inside act(): the tests
// poll for their result with `eventually` instead.
const originalError = console.error;
beforeAll(() => {
  jest.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    const text = typeof args[0] === 'string' ? args[0] : '';
    if (text.includes('Unsupported style property') || text.includes('not wrapped in act(')) return;
    originalError(...args);
  });
});
