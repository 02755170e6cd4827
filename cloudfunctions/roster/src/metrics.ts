import { performance } from 'perf_hooks';
import type { ActionContext } from '../../_lib/context';
import { calls } from './repo';

/**
 * One JSON line per preview or import in the function's log: time per
 * phase, database calls, and memory (peak resident set of the process, which
 * for a warm instance covers earlier calls too). Counts only, never values.
 */
export function metrics(ctx: Pick<ActionContext, 'functionName' | 'action' | 'requestId'>) {
  const start = performance.now();
  const marks: Record<string, number> = {};
  calls.reads = 0;
  calls.writes = 0;
  return {
    mark(name: string): void {
      marks[name] = Math.round(performance.now() - start);
    },
    done(extra: Record<string, number>): void {
      const mem = process.memoryUsage();
      console.log(
        JSON.stringify({
          level: 'info',
          metric: 'roster',
          function: ctx.functionName,
          action: ctx.action,
          requestId: ctx.requestId,
          ms: Math.round(performance.now() - start),
          marks,
          dbReads: calls.reads,
          dbWrites: calls.writes,
          rssMb: Math.round(mem.rss / 1048576),
          heapUsedMb: Math.round(mem.heapUsed / 1048576),
          maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
          ...extra,
        }),
      );
    },
  };
}
