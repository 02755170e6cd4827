import { MIGRATIONS, migrationListProblem, type Migration } from './migrations';
import { decide, refreshFields } from './seed';

const at = new Date('2026-04-01T02:00:00Z');

describe('seed decisions', () => {
  it('creates a missing document', () => {
    expect(decide(undefined, 2)).toEqual({ kind: 'create' });
  });

  it('refreshes an unedited document of an older seed version', () => {
    const stored = { _id: 'st-a', seedVersion: 1, createdAt: at, updatedAt: new Date(at.getTime()) };
    expect(decide(stored, 2)).toEqual({ kind: 'refresh', fromVersion: 1, createdAt: at });
  });

  it('keeps an edited document, one of this version, and one an administrator created', () => {
    const edited = {
      _id: 'st-a',
      seedVersion: 1,
      createdAt: at,
      updatedAt: new Date('2026-05-01T00:00:00Z'),
    };
    expect(decide(edited, 2)).toEqual({ kind: 'keep' });
    expect(decide({ _id: 'st-a', seedVersion: 2, createdAt: at, updatedAt: at }, 2)).toEqual({
      kind: 'keep',
    });
    expect(decide({ _id: 'st-a', seedVersion: null, createdAt: at, updatedAt: at }, 2)).toEqual({
      kind: 'keep',
    });
  });

  it('refreshes the seed fields only, never the id or the timestamps', () => {
    expect(refreshFields({ _id: 'st-a', name: 'x', seedVersion: 2, createdAt: at, updatedAt: at })).toEqual({
      name: 'x',
      seedVersion: 2,
    });
  });
});

describe('migrations', () => {
  it('are numbered 1, 2, 3, … in order with kebab-case names', () => {
    expect(migrationListProblem(MIGRATIONS)).toBeNull();
  });

  it('a gap, a reorder or a bad name is refused', () => {
    const m = (version: number, name = `m-${version}`): Migration => ({ version, name, run: async () => 0 });
    expect(migrationListProblem([m(1), m(3)])).toMatch(/version 3, expected 2/);
    expect(migrationListProblem([m(2), m(1)])).toMatch(/expected 1/);
    expect(migrationListProblem([m(1, 'Bad Name')])).toMatch(/kebab-case/);
    expect(migrationListProblem([m(1, 'a'), m(2, 'a')])).toMatch(/duplicate/);
  });
});
