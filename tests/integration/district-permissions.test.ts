/**
 * The generated permission test of the `district` function: every cell of its
 * rows (tests/integration/permission-suite.ts). Proof that the rows are tested:
 * `npx tsx scripts/flip-permissions.ts --only district.`.
 */
import { permissionSuite } from './permission-suite';

permissionSuite('district', 12);
