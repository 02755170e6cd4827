import type {
  AccountsInputs,
  AccountsOutputs,
  RequestsInputs,
  RequestsOutputs,
  StationsInputs,
  StationsOutputs,
} from '@sgz/shared';

/**
 * Which cloud functions the client calls, with each one's per-action input and
 * output types from the shared contracts. `callFunction` is typed from this table.
 */
export interface FunctionContracts {
  stations: { inputs: StationsInputs; outputs: StationsOutputs };
  accounts: { inputs: AccountsInputs; outputs: AccountsOutputs };
  requests: { inputs: RequestsInputs; outputs: RequestsOutputs };
}
