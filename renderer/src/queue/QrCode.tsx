import { create } from 'qrcode';
import { useMemo } from 'react';

/** The modules of a QR code as one SVG path: crisp at any size, nothing fetched. */
export function qrPath(text: string): { size: number; d: string } {
  const { modules } = create(text, { errorCorrectionLevel: 'M' });
  const parts: string[] = [];
  for (let row = 0; row < modules.size; row += 1) {
    for (let col = 0; col < modules.size; col += 1) {
      if (modules.get(row, col)) parts.push(`M${String(col)} ${String(row)}h1v1h-1z`);
    }
  }
  return { size: modules.size, d: parts.join('') };
}

export function QrCode({ text, label }: { text: string; label: string }) {
  const { size, d } = useMemo(() => qrPath(text), [text]);
  const quiet = 4;
  return (
    <svg
      className="qr-code"
      viewBox={`${String(-quiet)} ${String(-quiet)} ${String(size + quiet * 2)} ${String(size + quiet * 2)}`}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
    >
      <rect x={-quiet} y={-quiet} width={size + quiet * 2} height={size + quiet * 2} fill="#ffffff" />
      <path d={d} fill="#000000" />
    </svg>
  );
}
