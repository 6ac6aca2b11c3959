import type { PrinterStatusView, PrintOutcome, TicketView } from '../../../shared/contract/queue-channels.ts';
import type { ConfigStore } from '../config-store.ts';
import type { Db } from '../database.ts';
import { openKioskData } from '../data/index.ts';
import type { TicketPrintData } from '../../printing/ticket-print-data.ts';
import { NO_PRINTER_MESSAGE, type QueuePrinter } from './printer-port.ts';

const CITIZEN_PRINT_NOTE = 'Số của ông/bà vẫn được ghi nhận: vui lòng ghi nhớ số này hoặc chụp ảnh mã QR.';

/** Prints tickets and keeps the printer's last known state for the screens. */
export class TicketPrinting {
  private status: PrinterStatusView;

  constructor(
    private readonly db: Db,
    private readonly config: ConfigStore,
    private printer: QueuePrinter | null,
    private readonly changed: () => void,
  ) {
    this.status = TicketPrinting.initialStatus(printer);
  }

  private static initialStatus(printer: QueuePrinter | null): PrinterStatusView {
    return printer
      ? { state: 'unknown', message: 'Chưa kiểm tra trạng thái máy in.' }
      : { state: 'none', message: NO_PRINTER_MESSAGE };
  }

  /** The console assigned another printer (or none): tickets go there from the next one on. */
  replace(printer: QueuePrinter | null): void {
    this.printer = printer;
    this.status = TicketPrinting.initialStatus(printer);
    this.changed();
  }

  get hasPrinter(): boolean {
    return this.printer !== null;
  }

  current(): PrinterStatusView {
    return this.status;
  }

  /** Asks the printer for its state (at start-up, and from the officer console). */
  async refresh(): Promise<PrinterStatusView> {
    if (!this.printer) return this.status;
    try {
      this.set(await this.printer.status());
    } catch (error) {
      this.set({ state: 'offline', message: `Không hỏi được trạng thái máy in: ${String(error)}` });
    }
    return this.status;
  }

  /** Prints one ticket; a failure never undoes it, the ticket is marked for reprint instead. */
  async print(ticketId: string, wasPrinted: boolean, view: TicketView): Promise<PrintOutcome> {
    if (!this.printer) return { printed: false, printerMessage: `${NO_PRINTER_MESSAGE} ${CITIZEN_PRINT_NOTE}` };
    const data: TicketPrintData = {
      centreName: this.config.centreName(),
      number: view.number,
      serviceName: view.serviceName,
      counterName: view.counterName,
      peopleAhead: view.peopleAhead,
      estimatedWaitMinutes: view.estimatedWaitMinutes,
      issuedAt: new Date(view.issuedAt),
      ...(view.priorityLabel !== undefined && { priorityLabel: `Ưu tiên: ${view.priorityLabel}` }),
      // The honest note replaces the thank-you line, so it is on the paper the citizen keeps.
      ...(view.connectionNote !== undefined && { footer: view.connectionNote }),
      qrText: view.qrText,
    };
    let failure: PrinterStatusView | null = null;
    let warning: PrinterStatusView | null = null;
    try {
      const result = await this.printer.print(data);
      if (!result.ok) failure = result.status;
      else warning = result.warning ?? null;
    } catch (error) {
      failure = {
        state: 'offline',
        message: `Không in được phiếu: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
    if (failure) {
      this.set(failure);
      return { printed: false, printerMessage: `${failure.message}. ${CITIZEN_PRINT_NOTE}` };
    }
    openKioskData(this.db).ticketWrites.markPrinted(ticketId);
    const before = this.status;
    this.status = warning ?? { state: 'ok', message: 'Máy in sẵn sàng' };
    // A reprint after recovery clears the alert; the list of unprinted tickets changed either way.
    if (before.state !== this.status.state || !wasPrinted) this.changed();
    return { printed: true };
  }

  private set(status: PrinterStatusView): void {
    const changed = status.state !== this.status.state || status.message !== this.status.message;
    this.status = status;
    if (changed) this.changed();
  }
}
