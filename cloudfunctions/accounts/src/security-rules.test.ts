import fs from 'fs';
import path from 'path';
import { COLLECTIONS } from '../../../shared/src/collections';

const file = path.resolve(__dirname, '../../../database/security-rules.json');

describe('database/security-rules.json', () => {
  const rules = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;

  it('has exactly one rule set per collection', () => {
    expect(Object.keys(rules).sort()).toEqual(Object.values(COLLECTIONS).sort());
  });

  it('denies every client read and write', () => {
    for (const [name, rule] of Object.entries(rules)) {
      expect({ name, rule }).toEqual({ name, rule: { read: false, write: false } });
    }
  });
});
