import type { StationsInputs, StationsOutputs } from '@sgz/shared';
// The accounts contract is not re-exported by the shared barrel yet: import its module
// through the same alias (switch to '@sgz/shared' once shared/src/index.ts exports it).
import type { AccountsInputs, AccountsOutputs } from '@sgz/shared/contracts/accounts';

/**
 * Which cloud functions the client calls, with each one's per-action input and
 * output types from the shared contracts. `callFunction` is typed from this table.
 */
export interface FunctionContracts {
  stations: { inputs: StationsInputs; outputs: StationsOutputs };
  accounts: { inputs: AccountsInputs; outputs: AccountsOutputs };
}
