import { setupContract } from '../../../../shared/src/contracts/setup';
import { auditOk } from '../../../_lib/authz';
import { defineAction } from '../../../_lib/handler';
import { runSetup as run } from '../seed';

/** runSetup: seeds units and stations and runs the pending migrations; answers what it did. */
export const runSetup = defineAction({
  contract: setupContract.actions.runSetup,
  async handle(_input, ctx) {
    const report = await run(ctx.db, ctx.now);
    await auditOk(ctx, ctx.access, report.changed ? 'setup-changed' : 'setup-unchanged');
    return report;
  },
});
