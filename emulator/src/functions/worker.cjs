// Warm worker for one cloud function. Plain CommonJS so that fork() starts it without a TS loader.
// Protocol (process.send): parent → {type:'invoke', id, event, context, env}; worker → {type:'ready'}
// | {type:'load-error', message} | {type:'result', id, ok, json?, undefined?, error?}.
'use strict';

const fnFile = process.argv[2];
let main = null;
let loadError = null;

try {
  const mod = require(fnFile);
  main = typeof mod.main === 'function' ? mod.main : typeof mod === 'function' ? mod : null;
  if (!main) loadError = `${fnFile} does not export main(event, context)`;
} catch (err) {
  loadError = (err && err.stack) || String(err);
}
process.send(loadError ? { type: 'load-error', message: loadError } : { type: 'ready' });

// Identity keys are cleared before each invocation so nothing of the previous caller survives.
const PER_CALL_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_API_TOKEN', 'TCB_SOURCE'];

process.on('message', async (msg) => {
  if (!msg || msg.type !== 'invoke') return;
  for (const k of PER_CALL_KEYS) delete process.env[k];
  Object.assign(process.env, msg.env);
  let reply;
  try {
    if (!main) throw new Error(loadError || 'function not loaded');
    const value = await main(msg.event, msg.context);
    if (value === undefined) reply = { type: 'result', id: msg.id, ok: true, undefined: true };
    else reply = { type: 'result', id: msg.id, ok: true, json: JSON.stringify(value) };
  } catch (err) {
    const message = err instanceof Error ? `${err.name}: ${err.message}` : safeString(err);
    reply = {
      type: 'result',
      id: msg.id,
      ok: false,
      error: message,
      stack: err && err.stack ? String(err.stack) : undefined,
    };
  }
  process.send(reply);
});

function safeString(v) {
  try {
    return typeof v === 'string' ? v : JSON.stringify(v);
  } catch {
    return String(v);
  }
}

// A stray rejection inside a function must not kill the warm worker silently; report it like SCF logs.
process.on('unhandledRejection', (reason) => {
  console.error('Unhandled rejection:', reason);
});
process.on('disconnect', () => process.exit(0));
