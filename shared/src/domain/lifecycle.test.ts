import { actionsFrom, defineTransitions, transition } from './lifecycle';

type S = 'a' | 'b' | 'c';
type A = 'go' | 'back' | 'stop';
const table = defineTransitions<A, S>({
  go: { from: ['a'], to: 'b' },
  back: { from: ['b'], to: 'a' },
  stop: { from: ['a', 'b'], to: 'c' },
});

describe('lifecycle: the shared transition-table form', () => {
  it('answers the new state for an action allowed from the current state', () => {
    expect(transition(table, 'a', 'go')).toEqual({ ok: true, from: 'a', to: 'b' });
    expect(transition(table, 'b', 'stop')).toEqual({ ok: true, from: 'b', to: 'c' });
  });

  it('refuses an action not allowed from the current state', () => {
    expect(transition(table, 'c', 'go')).toEqual({ ok: false, problem: 'invalid-transition' });
    expect(transition(table, 'a', 'back')).toEqual({ ok: false, problem: 'invalid-transition' });
  });

  it('refuses an action the table does not know (never reads the prototype)', () => {
    expect(transition(table, 'a', 'toString' as A)).toEqual({ ok: false, problem: 'invalid-transition' });
  });

  it('lists the actions possible from a state, among those asked for, in their order', () => {
    expect(actionsFrom(table, 'a', ['stop', 'go', 'back'])).toEqual(['stop', 'go']);
    expect(actionsFrom(table, 'c', ['go', 'back', 'stop'])).toEqual([]);
  });
});
