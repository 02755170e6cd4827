/**
 * The generated permission test of the `supervision` function: every cell of its
 * rows (tests/integration/permission-suite.ts). Proof that the rows are tested:
 * `npx tsx scripts/flip-permissions.ts --only supervision.`.
 */
import { permissionSuite } from './permission-suite';

permissionSuite('supervision', 18);
