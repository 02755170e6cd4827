import type { z } from 'zod';
import { stationsSchemas } from '../schemas/stations';
import type { StationsAction, StationsInputs, StationsOutputs } from './stations';

// Type-level test: tsc (npm run typecheck) fails when the hand-written
// contract and the zod schemas drift apart. `Equals` is exact (not just
// mutual assignability of optional fields).
type Equals<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type SchemaInputs = { [K in keyof typeof stationsSchemas]: z.input<(typeof stationsSchemas)[K]> };

const inputsAgree: { [K in StationsAction]: Equals<StationsInputs[K], SchemaInputs[K]> } = {
  listStations: true,
  nearestStations: true,
  getStation: true,
};
const sameActions: [
  Equals<keyof StationsInputs, StationsAction>,
  Equals<keyof StationsOutputs, StationsAction>,
  Equals<keyof typeof stationsSchemas, StationsAction>,
] = [true, true, true];

describe('stations contract', () => {
  it('has one schema per action named by the contract', () => {
    expect(Object.keys(stationsSchemas).sort()).toEqual(Object.keys(inputsAgree).sort());
    expect(sameActions).toEqual([true, true, true]);
  });
});
