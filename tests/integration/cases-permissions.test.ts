/**
 * The generated permission test of the `cases` function: every cell of its
 * rows (tests/integration/permission-suite.ts). Proof that the rows are tested:
 * `npx tsx scripts/flip-permissions.ts --only cases.`.
 */
import { permissionSuite } from './permission-suite';

permissionSuite('cases', 18);
