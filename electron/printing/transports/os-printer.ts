/**
 * The port through which a ticket goes to a printer that only has an OS driver.
 *
 * The kiosk core never imports electron, so it only declares this; electron/main implements
 * it, for example: load the PNG into a hidden BrowserWindow as <img style="width: 48mm"> (58 mm
 * paper; 72mm for 80 mm paper — the PNG records 203 dpi), then
 * `webContents.print({ silent: true, deviceName, margins: { marginType: 'none' } }, callback)`
 * and reject with the callback's failureReason. Silent printing through drivers is a known
 * source of trouble (page sizes, scaling), so this is the fallback, not the default.
 */
export interface OsPrinter {
  /** Prints one ticket image (1-bit PNG, 384 or 576 dots wide); rejects when the OS reports a failure. */
  printPng(png: Buffer): Promise<void>;
}
