import { describe, expect, it } from 'vitest';
import { PrinterUrlError, parsePrinterUrl } from '../../../electron/printing/printer-config.ts';

describe('parsePrinterUrl', () => {
  it('accepts network printers, device paths and none', () => {
    expect(parsePrinterUrl('tcp://127.0.0.1:9100')).toEqual({ transport: 'tcp', url: 'tcp://127.0.0.1:9100' });
    expect(parsePrinterUrl(' TCP://Printer.local ')).toEqual({ transport: 'tcp', url: 'tcp://printer.local:9100' });
    expect(parsePrinterUrl('tcp://[::1]:9101')).toEqual({ transport: 'tcp', url: 'tcp://[::1]:9101' });
    expect(parsePrinterUrl('/dev/usb/lp0')).toEqual({ transport: 'device', url: '/dev/usb/lp0' });
    expect(parsePrinterUrl('/dev/ttyUSB0')).toEqual({ transport: 'device', url: '/dev/ttyUSB0' });
    expect(parsePrinterUrl('none')).toEqual({ transport: 'none' });
  });

  it.each([
    ['', 'Chưa nhập địa chỉ máy in'],
    ['tcp://:9100', 'Thiếu tên máy hoặc địa chỉ IP'],
    ['tcp://printer:', 'Thiếu số cổng'],
    ['tcp://printer:99999', 'Cổng máy in không hợp lệ'],
    ['tcp://printer:0', 'Cổng máy in không hợp lệ'],
    ['tcp://printer:abc', 'Cổng máy in không hợp lệ'],
    ['http://printer:9100', 'Không hỗ trợ giao thức "http://"'],
    ['tcp://printer:9100/queue', 'không có đường dẫn hay tham số'],
    ['lp0', 'phải bắt đầu bằng "/"'],
    ['dev/usb/lp0', 'phải bắt đầu bằng "/"'],
    ['/dev/', 'là một thư mục'],
    // The OS-driver path was never wired in Electron's main process: refused, not silently dead.
    ['os', 'Chưa hỗ trợ in qua trình điều khiển của hệ điều hành'],
  ])('refuses %j with a Vietnamese explanation', (value, message) => {
    expect(() => parsePrinterUrl(value)).toThrow(PrinterUrlError);
    expect(() => parsePrinterUrl(value)).toThrow(message);
  });
});
