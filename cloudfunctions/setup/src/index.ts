import { setupContract } from '../../../shared/src/contracts/setup';
import { DENIED_MESSAGE } from '../../_lib/authz';
import { audit } from '../../_lib/audit';
import { getCloud, getDb } from '../../_lib/db';
import { createHandler } from '../../_lib/handler';
import { makeCreateHandler, type CloudMain } from '../../_lib/pipeline';
import { runSetup } from './actions/run-setup';
import { SETUP_TOKEN_KEY, checkSetupToken } from './operator';

/** A district admin from the mini-program: the permission row `setup.runSetup`. */
const asAdmin = createHandler(setupContract, { runSetup });

/**
 * The deploy operator (no OPENID, token already checked): the same pipeline
 * with an authorize that grants the district's scope. Reached only through
 * {@link main} after the token matched.
 */
const asOperator = makeCreateHandler({
  getCloud,
  getDb,
  authorize: async (key) => ({
    access: { action: key, role: 'district_admin', scope: 'all', caller: null },
    account: null,
  }),
})(setupContract, { runSetup });

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The `setup` cloud function (see README.md): a district admin, or the deploy operator with the setup token. */
export const main: CloudMain = async (event, context) => {
  const openid = getCloud().getWXContext().OPENID;
  if (openid || !isObject(event) || !(SETUP_TOKEN_KEY in event)) return asAdmin(event, context);
  const { [SETUP_TOKEN_KEY]: token, ...rest } = event;
  const verdict = checkSetupToken(token, process.env.SGZ_SETUP_TOKEN);
  if (verdict !== 'ok') {
    const requestId = String(context?.request_id ?? context?.requestId ?? 'none').slice(0, 80);
    await audit(getDb(), {
      openid: null,
      role: null,
      stationId: null,
      action: 'setup.runSetup',
      targetId: `operator-${verdict}`,
      outcome: 'denied',
      requestId,
    });
    return { ok: false, error: { code: 'permission-denied', message: DENIED_MESSAGE } };
  }
  return asOperator(rest, context);
};
