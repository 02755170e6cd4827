/**
 * The generated permission test of the `ledger` function: every cell of its
 * rows (tests/integration/permission-suite.ts). Proof that the rows are tested:
 * `npx tsx scripts/flip-permissions.ts --only ledger.`.
 */
import { permissionSuite } from './permission-suite';

permissionSuite('ledger', 2);
