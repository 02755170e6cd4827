/**
 * THE outbox of the app (one per mini-program run): the kinds of records the
 * field pages write. app.ts starts it at launch; pages save through it and
 * show its state with `useOutbox(appOutbox)`. Kinds: visits (issue 10), case
 * notes (issue 11), supervision sessions and training records (issue 12).
 */
import { createAppOutbox, type OutboxKind } from './outbox';
import { caseNoteKind } from './cases';
import { sessionKind, trainingKind } from './supervision';
import { visitKind } from './visits';

export const appOutbox = createAppOutbox({
  kinds: [
    visitKind as OutboxKind,
    caseNoteKind as OutboxKind,
    sessionKind as OutboxKind,
    trainingKind as OutboxKind,
  ],
});

let started: Promise<void> | null = null;

/** Starts the outbox once (load, re-queue, watch the network, flush); later calls flush. */
export function startAppOutbox(): Promise<void> {
  if (!started) started = appOutbox.start().catch((e) => console.warn('outbox: start failed', e));
  else void appOutbox.flush('launch');
  return started;
}
