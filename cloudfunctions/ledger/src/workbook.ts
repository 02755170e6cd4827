import ExcelJS from 'exceljs';
import {
  LEDGER_HEADERS,
  widthTracker,
  type LedgerCell,
  type LedgerSheetName,
} from '../../../shared/src/domain/ledger';

/**
 * The exceljs side of the ledger: one in-memory workbook, one sheet per
 * ledger, rows added as the pages are read (the function keeps no copy), the
 * header row bold and frozen, column widths fitted to what was written (CJK
 * counted double) when the sheet is closed. Nothing here reads the database.
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8F3EC' } };

/** A sheet being written. */
export interface SheetWriter {
  /** Adds one data row. */
  add(row: readonly LedgerCell[]): void;
  /** Adds a row outside the data (the 汇总's second table): widths follow it, the count does not. */
  addExtra(row: readonly LedgerCell[], bold?: boolean): void;
  /** Data rows added so far. */
  readonly rows: number;
  /** Sets the widths; no row may be added after. */
  close(): void;
}

/** The workbook being written. */
export interface LedgerBook {
  sheet(name: LedgerSheetName): SheetWriter;
  /** The .xlsx bytes. */
  finish(): Promise<Buffer>;
}

/** A new ledger workbook stamped with `now` (no clock read here). */
export function createLedgerBook(now: Date): LedgerBook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '社工站小程序';
  wb.created = now;
  wb.modified = now;
  return {
    sheet(name) {
      const headers = LEDGER_HEADERS[name];
      const ws = wb.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
      const header = ws.addRow([...headers]);
      header.font = { bold: true };
      header.alignment = { vertical: 'middle', horizontal: 'center' };
      header.eachCell((cell) => {
        cell.fill = HEADER_FILL;
      });
      const widths = widthTracker(headers);
      let rows = 0;
      let closed = false;
      const put = (row: readonly LedgerCell[]): ExcelJS.Row => {
        if (closed) throw new Error(`sheet ${name} is closed`);
        widths.see(row);
        return ws.addRow(row.map((c) => (c === null ? '' : c)));
      };
      return {
        add(row) {
          put(row);
          rows += 1;
        },
        addExtra(row, bold = false) {
          const r = put(row);
          if (bold) r.font = { bold: true };
        },
        get rows() {
          return rows;
        },
        close() {
          widths.widths().forEach((w, i) => {
            ws.getColumn(i + 1).width = w;
          });
          closed = true;
        },
      };
    },
    async finish() {
      return Buffer.from(await wb.xlsx.writeBuffer());
    },
  };
}
