import { accountsContract } from '../../../../shared/src/contracts/accounts';
import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import { DISTRICT_TZ } from '../../../../shared/src/calendar';
import { DEFAULT_PAGE } from '../../../../shared/src/schemas/accounts';
import { defineAction } from '../../../_lib/handler';
import { toAuditItem } from '../dto';
import { listAudit } from '../repo';

dayjs.extend(utc);
dayjs.extend(timezone);

/** 00:00 Beijing time of day `YYYY-MM-DD`, as an instant. */
const beijingDayStart = (day: string): Date => dayjs.tz(`${day} 00:00:00`, DISTRICT_TZ).toDate();

/** The audit log, newest first, filtered by action/outcome/station/Beijing days (district admin only). */
export const listAuditLog = defineAction({
  contract: accountsContract.actions.listAuditLog,
  async handle(input, ctx) {
    const { items, total, nextCursor } = await listAudit(
      ctx.db,
      {
        action: input.actionKey,
        outcome: input.outcome,
        stationId: input.stationId,
        from: input.from ? beijingDayStart(input.from) : undefined,
        // `to` is inclusive: up to the start of the next Beijing day.
        to: input.to ? dayjs(beijingDayStart(input.to)).add(1, 'day').toDate() : undefined,
      },
      input.cursor,
      input.limit ?? DEFAULT_PAGE,
    );
    return { items: items.map(toAuditItem), total, nextCursor };
  },
});
