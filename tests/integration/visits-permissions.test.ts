/**
 * The generated permission test of the `visits` function: every cell of its
 * rows (tests/integration/permission-suite.ts). Proof that the rows are tested:
 * `npx tsx scripts/flip-permissions.ts --only visits.`.
 */
import { permissionSuite } from './permission-suite';

permissionSuite('visits', 6);
