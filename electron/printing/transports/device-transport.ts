import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { STATUS_MESSAGES, printerStatus } from '../printer-status.ts';
import { PrinterTransportError } from './transport.ts';
import type { PrinterConnection, RawTransport, TransportTimeouts } from './transport.ts';

const POLL_MS = 10;

function offline(path: string, detail: string): PrinterTransportError {
  return new PrinterTransportError(printerStatus('offline', `${STATUS_MESSAGES.notConnected} (${path}: ${detail})`));
}

function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
    case 'ENODEV':
      return 'không thấy thiết bị — máy in chưa cắm cáp hoặc chưa bật';
    case 'EACCES':
    case 'EPERM':
      return 'không có quyền ghi — thêm tài khoản chạy kiosk vào nhóm lp (USB) hoặc dialout (cổng nối tiếp)';
    case 'EBUSY':
      return 'thiết bị đang được chương trình khác dùng';
    case 'ENXIO':
      return 'không có thiết bị hay chương trình nào đang nhận ở đầu kia';
    case 'EIO':
      return 'lỗi vào/ra — máy in bị rút cáp hoặc tắt giữa chừng';
    case 'EISDIR':
      return 'đây là một thư mục, không phải thiết bị máy in';
    default:
      return `lỗi ${error.code ?? error.message}`;
  }
}

/**
 * A printer reached through a device file: /dev/usb/lp0 (USB printer class), /dev/ttyUSB0 or
 * /dev/ttyS0 (serial). Serial line settings are not set here: the OS keeps them per device, so
 * the technician sets them once, e.g. `stty -F /dev/ttyUSB0 9600 raw -echo` (baud as on the
 * printer's self-test slip). `raw -echo` matters: a cooked line would hold back status replies
 * and echo them to the printer. Also accepts a FIFO or a plain file, which is how it is tested.
 *
 * Everything is opened non-blocking, so a printer that stops taking data (or a FIFO with no
 * reader) ends in a timeout instead of a worker thread stuck forever in write().
 */
export function createDeviceTransport(path: string, timeouts: TransportTimeouts): RawTransport {
  return { target: path, open: () => openDevice(path, timeouts) };
}

async function openDevice(path: string, timeouts: TransportTimeouts): Promise<PrinterConnection> {
  let handle: FileHandle;
  let isCharacterDevice: boolean;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
    isCharacterDevice = info.isCharacterDevice();
    // Never O_CREAT: with the printer unplugged, a kiosk running as root would otherwise
    // create a plain file named /dev/usb/lp0 and "print" into it from then on.
    const flags = isCharacterDevice
      ? constants.O_RDWR | constants.O_NONBLOCK | constants.O_NOCTTY
      : constants.O_WRONLY | constants.O_NONBLOCK | constants.O_APPEND;
    handle = await open(path, flags);
  } catch (error) {
    throw offline(path, describeFsError(error as NodeJS.ErrnoException));
  }

  let closed = false;
  const writeAll = async (bytes: Uint8Array, deadline: number): Promise<void> => {
    let offset = 0;
    while (offset < bytes.length) {
      try {
        const { bytesWritten } = await handle.write(bytes, offset, bytes.length - offset);
        offset += bytesWritten;
        if (bytesWritten > 0) continue;
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK')
          throw offline(path, describeFsError(error as NodeJS.ErrnoException));
      }
      if (Date.now() > deadline) throw offline(path, 'máy in không nhận dữ liệu (hết thời gian chờ)');
      await sleep(POLL_MS);
    }
  };

  return {
    // Only a character device talks back; reading a plain file would return old job bytes.
    canAskStatus: isCharacterDevice,
    async ask(request, timeoutMs) {
      if (!isCharacterDevice || closed) return null;
      const deadline = Date.now() + timeoutMs;
      const buffer = Buffer.alloc(16);
      // Drop stale bytes so a late reply to an earlier request does not answer this one.
      for (;;) {
        try {
          const { bytesRead } = await handle.read(buffer, 0, buffer.length, null);
          if (bytesRead === 0) break;
        } catch {
          break;
        }
      }
      try {
        await writeAll(request, deadline);
      } catch {
        return null;
      }
      while (Date.now() < deadline) {
        try {
          const { bytesRead } = await handle.read(buffer, 0, 1, null);
          if (bytesRead === 1) return buffer[0] ?? null;
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') return null;
        }
        await sleep(POLL_MS);
      }
      return null;
    },
    async write(bytes) {
      await writeAll(bytes, Date.now() + timeouts.writeMs);
    },
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
    destroy() {
      if (closed) return;
      closed = true;
      void handle.close().catch(() => undefined);
    },
  };
}
