import { createDatabase } from '../../src/db';
import { setupSdk } from './harness';
void (async () => {
  const dbm = createDatabase({ dataDir: null });
  const orig = dbm.handle.bind(dbm);
  dbm.handle = (a, b, r) => { if (a === 'database.modifyDocument') console.log(JSON.stringify(b)); return orig(a, b, r); };
  const env = await setupSdk(dbm);
  const _ = env.sdb.command;
  await env.sdb.collection('x').add({ data: { _id: 'a', v: 1 } });
  await env.sdb.collection('x').doc('a').update({ data: { v: _.inc(1), n: { a: 1 }, d: env.sdb.serverDate() } });
  console.log(await env.sdb.collection('x').doc('a').get());
  await env.server.close();
})();
