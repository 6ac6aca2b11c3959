import { describe, expect, it } from 'vitest';
import { canPrint, decodeStatus, queryStatus } from '../../../electron/printing/printer-status.ts';
import type { StatusLink } from '../../../electron/printing/printer-status.ts';

describe('DLE EOT status decoding', () => {
  it('reads a ready printer as ok', () => {
    expect(decodeStatus({ printer: 0x12, offlineCause: 0x12, paper: 0x12 })).toEqual({
      state: 'ok',
      message: 'Máy in sẵn sàng',
    });
  });

  it('reads paper end from the roll sensor or from the offline cause', () => {
    // An Epson printer out of paper answers 1A 32 7E to DLE EOT 1, 2, 4.
    expect(decodeStatus({ printer: 0x1a, offlineCause: 0x32, paper: 0x7e })).toEqual({
      state: 'paper_out',
      message: 'Máy in hết giấy',
    });
    expect(decodeStatus({ printer: 0x1a, offlineCause: 0x32, paper: null }).state).toBe('paper_out');
    expect(decodeStatus({ printer: 0x12, offlineCause: null, paper: 0x72 }).state).toBe('paper_out');
  });

  it('reads an open cover, an error, a stop without cause and a near end', () => {
    expect(decodeStatus({ printer: 0x1a, offlineCause: 0x16, paper: 0x12 })).toEqual({
      state: 'cover_open',
      message: 'Nắp máy in đang mở',
    });
    expect(decodeStatus({ printer: 0x1a, offlineCause: 0x52, paper: 0x12 }).state).toBe('offline');
    expect(decodeStatus({ printer: 0x1a, offlineCause: 0x12, paper: 0x12 }).state).toBe('offline');
    const nearEnd = decodeStatus({ printer: 0x12, offlineCause: 0x12, paper: 0x1e });
    expect(nearEnd.state).toBe('paper_near_end');
    expect(canPrint(nearEnd)).toBe(true);
  });

  it('treats silence and bytes that are not status replies as unknown, which still prints', () => {
    const silent = decodeStatus({ printer: null, offlineCause: null, paper: null });
    expect(silent.state).toBe('unknown');
    expect(canPrint(silent)).toBe(true);
    // Bit 7 set and bit 1 clear: not a DLE EOT reply (e.g. an echo of the request).
    expect(decodeStatus({ printer: 0x80, offlineCause: 0x04, paper: 0x60 }).state).toBe('unknown');
    expect(canPrint(decodeStatus({ printer: 0x1a, offlineCause: 0x32, paper: 0x7e }))).toBe(false);
  });

  it('asks 1, 2 and 4 of a printer that answers, and only once of one that does not', async () => {
    const asked: number[] = [];
    const answering: StatusLink = {
      ask(request) {
        asked.push(request[2]!);
        return Promise.resolve({ 1: 0x1a, 2: 0x16, 4: 0x12 }[request[2]!] ?? null);
      },
    };
    expect((await queryStatus(answering, 100)).state).toBe('cover_open');
    expect(asked).toEqual([1, 2, 4]);

    let silentAsks = 0;
    const silent: StatusLink = {
      ask() {
        silentAsks += 1;
        return Promise.resolve(null);
      },
    };
    expect((await queryStatus(silent, 100)).state).toBe('unknown');
    expect(silentAsks).toBe(1);
  });
});
