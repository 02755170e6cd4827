/**
 * The generated permission test of the `setup` function: every cell of its
 * rows (tests/integration/permission-suite.ts). Proof that the rows are tested:
 * `npx tsx scripts/flip-permissions.ts --only setup.`.
 */
import { permissionSuite } from './permission-suite';

permissionSuite('setup', 1);
