/**
 * The generated permission test of the `dashboard` function: every cell of its
 * rows (tests/integration/permission-suite.ts). Proof that the rows are tested:
 * `npx tsx scripts/flip-permissions.ts --only dashboard.`.
 */
import { permissionSuite } from './permission-suite';

permissionSuite('dashboard', 2);
