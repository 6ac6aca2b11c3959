import { Socket } from 'node:net';
import { STATUS_MESSAGES, printerStatus } from '../printer-status.ts';
import { tcpEndpoint } from '../printer-config.ts';
import { PrinterTransportError } from './transport.ts';
import type { PrinterConnection, RawTransport, TransportTimeouts } from './transport.ts';

function offline(target: string, detail: string): PrinterTransportError {
  return new PrinterTransportError(printerStatus('offline', `${STATUS_MESSAGES.notConnected} (${target}: ${detail})`));
}

function describeSocketError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ECONNREFUSED':
      return 'máy in từ chối kết nối — kiểm tra máy in đã bật và đúng cổng';
    case 'ECONNRESET':
    case 'EPIPE':
      return 'máy in ngắt kết nối giữa chừng';
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return 'không tới được máy in trên mạng — kiểm tra dây mạng và địa chỉ IP';
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return 'không tìm thấy tên máy in trên mạng';
    default:
      return `lỗi mạng ${error.code ?? error.message}`;
  }
}

/** A network printer on raw TCP (port 9100, "JetDirect"), which also answers DLE EOT on the same socket. */
export function createTcpTransport(url: string, timeouts: TransportTimeouts): RawTransport {
  const { host, port } = tcpEndpoint(url);
  return { target: url, open: () => openTcp(url, host, port, timeouts) };
}

function openTcp(target: string, host: string, port: number, timeouts: TransportTimeouts): Promise<PrinterConnection> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.setNoDelay(true);
    let waiter: ((byte: number) => void) | null = null;
    let failure: PrinterTransportError | null = null;
    let closed = false;

    socket.on('data', (chunk: Buffer) => {
      // Bytes nobody asked for (a late reply, an ASB packet) are dropped.
      for (const byte of chunk) {
        if (!waiter) continue;
        const w = waiter;
        waiter = null;
        w(byte);
      }
    });
    socket.on('close', () => {
      closed = true;
    });

    const connectTimer = setTimeout(() => {
      socket.destroy();
      reject(offline(target, 'hết thời gian chờ kết nối'));
    }, timeouts.connectMs);

    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(connectTimer);
      failure = offline(target, describeSocketError(error));
      reject(failure);
    });

    socket.connect({ host, port }, () => {
      clearTimeout(connectTimer);
      socket.on('error', (error: NodeJS.ErrnoException) => {
        failure = offline(target, describeSocketError(error));
      });
      resolve({
        canAskStatus: true,
        ask(request, timeoutMs) {
          return new Promise((answer) => {
            if (closed || failure) {
              answer(null);
              return;
            }
            const timer = setTimeout(() => {
              waiter = null;
              answer(null);
            }, timeoutMs);
            waiter = (byte) => {
              clearTimeout(timer);
              answer(byte);
            };
            socket.write(request);
          });
        },
        write(bytes) {
          return new Promise((done, fail) => {
            if (failure) {
              fail(failure);
              return;
            }
            const timer = setTimeout(() => {
              socket.destroy();
              fail(offline(target, 'máy in không nhận dữ liệu (hết thời gian chờ)'));
            }, timeouts.writeMs);
            socket.write(bytes, (error) => {
              clearTimeout(timer);
              if (error) fail(failure ?? offline(target, describeSocketError(error)));
              else done();
            });
          });
        },
        close() {
          return new Promise((done, fail) => {
            if (closed) {
              if (failure) fail(failure);
              else done();
              return;
            }
            // Some printers never close their side: everything is sent once our FIN is flushed.
            const timer = setTimeout(() => {
              socket.destroy();
              done();
            }, timeouts.writeMs);
            socket.once('close', () => {
              clearTimeout(timer);
              if (failure) fail(failure);
              else done();
            });
            socket.end();
          });
        },
        destroy() {
          socket.destroy();
        },
      });
    });
  });
}
