import { parseArgs } from 'node:util';
import { parsePrinterUrl, PrinterUrlError } from '../../electron/printing/printer-config.ts';
import { createTicketPrinter } from '../../electron/printing/ticket-printer.ts';
import { startVirtualPrinter } from '../../electron/printing/virtual-printer.ts';
import { UsageError, parsePort } from '../usage-error.ts';

export const PRINTER_USAGE = `hailong printer --virtual --port N --out DIR [--paper-out] [--refuse]
  Máy in ESC/POS ảo trên 127.0.0.1:N: mỗi phiếu nhận được ghi thành DIR/ticket-0001.png, …
  Khi đang chạy: kill -USR1 <pid> bật/tắt "hết giấy", kill -USR2 <pid> bật/tắt "từ chối kết nối".
hailong printer --test ĐỊA_CHỈ [--paper 58|80]
  In một phiếu mẫu và báo trạng thái máy in (tcp://máy:9100, /dev/usb/lp0, /dev/ttyUSB0).`;

export async function runPrinter(argv: string[]): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      virtual: { type: 'boolean', default: false },
      port: { type: 'string' },
      out: { type: 'string' },
      'paper-out': { type: 'boolean', default: false },
      refuse: { type: 'boolean', default: false },
      test: { type: 'string' },
      paper: { type: 'string', default: '80' },
    },
    strict: true,
  });
  if (values.test !== undefined) return printSample(values.test, values.paper);
  if (!values.virtual) throw new UsageError('Cần --virtual (máy in ảo) hoặc --test ĐỊA_CHỈ (in thử một phiếu).');
  if (!values.out) throw new UsageError('Thiếu --out DIR: thư mục ghi ảnh PNG của các phiếu in.');
  const printer = await startVirtualPrinter({
    outDir: values.out,
    port: parsePort(values.port, 9100),
    paperOut: values['paper-out'],
    refuse: values.refuse,
  });
  let paperOut = values['paper-out'];
  let refuse = values.refuse;
  const describe = () => `${paperOut ? 'hết giấy' : 'còn giấy'}, ${refuse ? 'từ chối kết nối' : 'nhận kết nối'}`;
  printer.on('job', (job) => console.log(job.file));
  printer.on('discarded', () => console.error('Nhận một phiếu nhưng máy in đang hết giấy: không in.'));
  printer.on('unsupported', (what) => console.error(`Bỏ qua lệnh không hỗ trợ: ${what}`));
  console.error(`Máy in ảo ESC/POS: ${printer.url} (${describe()}), ảnh phiếu ghi vào ${values.out}`);
  process.on('SIGUSR1', () => {
    paperOut = !paperOut;
    printer.setPaperOut(paperOut);
    console.error(`Máy in ảo: ${describe()}`);
  });
  process.on('SIGUSR2', () => {
    refuse = !refuse;
    void printer.setRefuse(refuse).then(() => console.error(`Máy in ảo: ${describe()}`));
  });
  const stop = () => {
    void printer.close().finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

async function printSample(address: string, paper: string): Promise<void> {
  if (paper !== '58' && paper !== '80') throw new UsageError(`Khổ giấy không hợp lệ: ${paper} (58 hoặc 80).`);
  let target;
  try {
    target = parsePrinterUrl(address);
  } catch (error) {
    if (error instanceof PrinterUrlError) throw new UsageError(error.message);
    throw error;
  }
  const printer = createTicketPrinter({ ...target, paperWidth: paper === '58' ? 58 : 80 });
  const status = await printer.status();
  console.log(`Trạng thái: ${status.message}`);
  const outcome = await printer.print({
    centreName: 'Trung tâm Phục vụ hành chính công',
    centreAddress: 'Phiếu in thử — hailong',
    number: '1001',
    serviceName: 'Sở Lao động - Thương binh và Xã hội',
    counterName: 'Quầy số 3',
    peopleAhead: 0,
    estimatedWaitMinutes: null,
    issuedAt: new Date(),
    priorityLabel: 'Ưu tiên: Người cao tuổi',
    qrText: 'hailong: phiếu in thử',
    footer: 'In thử: tiếng Việt có dấu đầy đủ — ăâđêôơư ẮẰẲẴẶ ỐỒỔỖỘ',
  });
  if (outcome.ok) {
    console.log(outcome.warning ? `Đã in phiếu mẫu. Lưu ý: ${outcome.warning.message}` : 'Đã in phiếu mẫu.');
  } else {
    console.error(`Không in được: ${outcome.status.message}`);
    process.exitCode = 1;
  }
}
