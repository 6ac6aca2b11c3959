import { join } from 'node:path';
import { GlobalFonts, createCanvas } from '@napi-rs/canvas';
import type { SKRSContext2D } from '@napi-rs/canvas';
import QRCode from 'qrcode';
import { fontsDir } from '../../shared/node/package-paths.ts';
import { formatDateTimeVi } from '../../shared/domain/vietnam-time.ts';
import { formatCount, nfc } from '../../shared/domain/text.ts';
import { monoFromRgba } from './mono-bitmap.ts';
import type { MonoBitmap } from './mono-bitmap.ts';
import type { TicketPrintData } from './ticket-print-data.ts';

export type PaperWidth = 58 | 80;

/** Printable dots across the head at 203 dpi: 48 mm on 58 mm paper, 72 mm on 80 mm paper. */
export const DOTS_PER_LINE: Record<PaperWidth, number> = { 58: 384, 80: 576 };

export const DEFAULT_FOOTER = 'Vui lòng chờ đến lượt. Xin cảm ơn!';

// Own family names, so a system copy of Liberation Sans of another version never changes the output.
const REGULAR = 'HailongTicketSans';
const BOLD = 'HailongTicketSansBold';
let fontsReady = false;

function ensureFonts(): void {
  if (fontsReady) return;
  // The installed kiosk keeps them in resources/fonts (see build/electron-builder.yml).
  const dir = fontsDir();
  const regular = GlobalFonts.registerFromPath(join(dir, 'LiberationSans-Regular.ttf'), REGULAR);
  const bold = GlobalFonts.registerFromPath(join(dir, 'LiberationSans-Bold.ttf'), BOLD);
  if (!regular || !bold) throw new Error(`Không nạp được phông chữ in phiếu trong ${dir}`);
  fontsReady = true;
}

interface TextOp {
  kind: 'text';
  text: string;
  font: string;
  size: number;
  y: number;
  inverted: boolean;
}
interface RuleOp {
  kind: 'rule';
  y: number;
}
interface QrOp {
  kind: 'qr';
  y: number;
  x: number;
  scale: number;
  size: number;
  modules: Uint8Array;
}
type DrawOp = TextOp | RuleOp | QrOp;

/** The QR symbol, or an error a technician can read when the content cannot fit in one. */
function createQr(text: string): QRCode.QRCode {
  try {
    return QRCode.create(text, { errorCorrectionLevel: 'M' });
  } catch {
    throw new Error(`Nội dung mã QR quá dài để in (${text.length} ký tự)`);
  }
}

/** Splits text into lines that fit `maxWidth`, breaking inside a word only when it alone is too long. */
function wrap(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines: string[] = [];
  let line = '';
  // "số 2", "Quầy số 3": a number stays on the line of the word before it.
  const glued = text.replace(/(^|\s)(số|Số|SỐ) (?=\d)/gu, '$1$2\u00a0');
  // Split on ordinary white space only, so the no-break space holds.
  for (const word of glued.split(/[ \t\r\n]+/).filter((w) => w.length > 0)) {
    const candidate = line ? `${line} ${word}` : word;
    if (ctx.measureText(candidate).width <= maxWidth) {
      line = candidate;
      continue;
    }
    if (line) lines.push(line);
    line = '';
    let rest = word;
    while (ctx.measureText(rest).width > maxWidth && rest.length > 1) {
      let cut = rest.length - 1;
      while (cut > 1 && ctx.measureText(rest.slice(0, cut)).width > maxWidth) cut -= 1;
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    line = rest;
  }
  if (line) lines.push(line);
  return lines;
}

/** Wraps into as few lines as `wrap`, but with lines of even length ("… Thương / binh và Xã hội"). */
function balancedWrap(ctx: SKRSContext2D, text: string, maxWidth: number): string[] {
  const lines = wrap(ctx, text, maxWidth);
  if (lines.length < 2) return lines;
  let low = maxWidth / lines.length;
  let high = maxWidth;
  while (high - low > 2) {
    const mid = (low + high) / 2;
    if (wrap(ctx, text, mid).length > lines.length) low = mid;
    else high = mid;
  }
  return wrap(ctx, text, high);
}

function waitText(minutes: number | null): string {
  if (minutes === null || !Number.isFinite(minutes)) return 'Thời gian chờ dự kiến: chưa xác định';
  const rounded = Math.round(minutes);
  if (rounded < 1) return 'Thời gian chờ dự kiến: dưới 1 phút';
  return `Thời gian chờ dự kiến: khoảng ${formatCount(rounded)} phút`;
}

/**
 * Lays the ticket out top to bottom. Line boxes are 1.3 em with the baseline 1.02 em down,
 * which leaves room for Vietnamese stacked marks on capitals (Ấ, Ở, Ữ) and for descenders.
 */
function layout(ctx: SKRSContext2D, data: TicketPrintData, width: number): { ops: DrawOp[]; height: number } {
  const s = width / 384;
  const margin = Math.round(8 * s);
  const inner = width - 2 * margin;
  const ops: DrawOp[] = [];
  let y = Math.round(6 * s);

  const block = (text: string, size: number, bold: boolean, options: { inverted?: boolean; gap?: number } = {}) => {
    const px = Math.round(size * s);
    const font = `${px}px ${bold ? BOLD : REGULAR}`;
    ctx.font = font;
    const padding = options.inverted ? Math.round(6 * s) : 0;
    for (const line of balancedWrap(ctx, nfc(text), inner - 2 * padding)) {
      ops.push({ kind: 'text', text: line, font, size: px, y, inverted: options.inverted ?? false });
      y += Math.round(px * 1.3);
    }
    y += Math.round((options.gap ?? 0) * s);
  };
  const rule = () => {
    y += Math.round(4 * s);
    ops.push({ kind: 'rule', y });
    y += Math.round(8 * s);
  };

  block(data.centreName, 24, true);
  if (data.centreAddress) block(data.centreAddress, 18, false);
  rule();
  block('SỐ THỨ TỰ', 20, true);

  // The number is as large as fits: 110 px on 58 mm unless a long prefix needs it smaller.
  let numberPx = Math.round(110 * s);
  ctx.font = `${numberPx}px ${BOLD}`;
  const measured = ctx.measureText(data.number).width;
  if (measured > inner) numberPx = Math.floor((numberPx * inner) / measured);
  const numberFont = `${numberPx}px ${BOLD}`;
  ops.push({ kind: 'text', text: nfc(data.number), font: numberFont, size: numberPx, y, inverted: false });
  y += Math.round(numberPx * 1.12);

  if (data.priorityLabel) block(data.priorityLabel, 20, true, { inverted: true, gap: 6 });
  block(data.serviceName, 22, true);
  block(data.counterName, 22, true, { gap: 4 });
  // "ông/bà" as on the screen: one form of address everywhere (issue 10).
  block(`Số người đang chờ trước ông/bà: ${formatCount(data.peopleAhead)}`, 19, false);
  block(waitText(data.estimatedWaitMinutes), 19, false);
  block(`Giờ lấy số: ${formatDateTimeVi(data.issuedAt)}`, 19, false);

  if (data.qrText !== '') {
    const qr = createQr(data.qrText);
    const size = qr.modules.size;
    // Whole dots per module keep the squares crisp; about half the width, quiet zone of 4 modules.
    const scale = Math.max(2, Math.floor((width * 0.55) / (size + 8)));
    ops.push({
      kind: 'qr',
      x: Math.round((width - size * scale) / 2),
      y: y + 4 * scale,
      scale,
      size,
      modules: qr.modules.data,
    });
    y += (size + 8) * scale;
  }

  block(data.footer ?? DEFAULT_FOOTER, 18, false);
  y += Math.round(4 * s);
  return { ops, height: y };
}

function draw(ctx: SKRSContext2D, ops: DrawOp[], width: number): void {
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, ctx.canvas.width, ctx.canvas.height);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'alphabetic';
  for (const op of ops) {
    if (op.kind === 'rule') {
      ctx.fillStyle = '#000';
      const dash = Math.round(width / 48);
      const margin = Math.round(width / 48);
      for (let x = margin; x < width - margin; x += 2 * dash) {
        ctx.fillRect(x, op.y, Math.min(dash, width - margin - x), Math.max(2, Math.round(width / 192)));
      }
    } else if (op.kind === 'qr') {
      ctx.fillStyle = '#000';
      for (let row = 0; row < op.size; row += 1) {
        for (let col = 0; col < op.size; col += 1) {
          if (op.modules[row * op.size + col]) {
            ctx.fillRect(op.x + col * op.scale, op.y + row * op.scale, op.scale, op.scale);
          }
        }
      }
    } else {
      ctx.font = op.font;
      const baseline = op.y + Math.round(op.size * 1.02);
      if (op.inverted) {
        const textWidth = ctx.measureText(op.text).width;
        const pad = Math.round(op.size * 0.4);
        ctx.fillStyle = '#000';
        ctx.fillRect(
          Math.round(width / 2 - textWidth / 2 - pad),
          op.y,
          Math.round(textWidth + 2 * pad),
          Math.round(op.size * 1.3),
        );
        ctx.fillStyle = '#fff';
      } else {
        ctx.fillStyle = '#000';
      }
      ctx.fillText(op.text, width / 2, baseline);
      if (!op.inverted && op.font.includes(REGULAR)) {
        // One-dot stems print faint on a thermal head and break up at the 50% threshold:
        // a hairline outline gives regular text about 1.5 dots of stem.
        ctx.strokeStyle = '#000';
        ctx.lineWidth = (width / 384) * 0.6;
        ctx.strokeText(op.text, width / 2, baseline);
      }
    }
  }
}

let measuring: SKRSContext2D | null = null;

/** One small canvas kept for measuring text: layout only sets fonts and calls measureText. */
function measuringContext(): SKRSContext2D {
  measuring ??= createCanvas(8, 8).getContext('2d');
  return measuring;
}

/** Where the QR code's top-left module is drawn and how large, for checks of the printed code. */
export function ticketQrPlacement(
  data: TicketPrintData,
  paperWidth: PaperWidth,
): { x: number; y: number; scale: number; size: number } {
  ensureFonts();
  const width = DOTS_PER_LINE[paperWidth];
  const qr = layout(measuringContext(), data, width).ops.find((op) => op.kind === 'qr');
  if (!qr) throw new Error('Phiếu không có mã QR');
  return { x: qr.x, y: qr.y, scale: qr.scale, size: qr.size };
}

/** The lines of text the ticket prints, top to bottom (for checks of the wording). */
export function ticketTextLines(data: TicketPrintData, paperWidth: PaperWidth): string[] {
  ensureFonts();
  return layout(measuringContext(), data, DOTS_PER_LINE[paperWidth])
    .ops.filter((op) => op.kind === 'text')
    .map((op) => op.text);
}

/** Draws the ticket as the 1-bit raster the thermal head prints, 384 or 576 dots wide. */
export function renderTicket(data: TicketPrintData, paperWidth: PaperWidth): MonoBitmap {
  ensureFonts();
  const width = DOTS_PER_LINE[paperWidth];
  const { ops, height } = layout(measuringContext(), data, width);
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  draw(ctx, ops, width);
  return monoFromRgba(ctx.getImageData(0, 0, width, height).data, width, height);
}
