import './phone.css';
import type { PhoneTicketStatus } from '../../../shared/contract/phone-rating.ts';
import { levelTone } from '../../../shared/domain/level-colours.ts';

/**
 * The phone page a ticket's QR opens (issue 11 §3): the ticket's live status, then the rating.
 * Plain DOM, no framework, so the page stays a few kilobytes on a slow mobile connection.
 */
const POLL_MS = 3_000;
const token = decodeURIComponent(location.pathname.split('/').filter(Boolean).pop() ?? '');
const root = document.getElementById('root')!;
let timer: ReturnType<typeof setTimeout> | null = null;
let choosing = false;

function el<K extends keyof HTMLElementTagNameMap>(tag: K, className: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function face(position: number): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 100 100');
  svg.setAttribute('aria-hidden', 'true');
  const bend = 22 * (1 - 2 * position);
  const y = 66 - bend / 3;
  const parts: [string, Record<string, string>][] = [
    ['circle', { cx: '50', cy: '50', r: '45', class: 'head' }],
    ['circle', { cx: '35', cy: '40', r: '6', class: 'eye' }],
    ['circle', { cx: '65', cy: '40', r: '6', class: 'eye' }],
    ['path', { d: `M 30 ${y} Q 50 ${y + bend} 70 ${y}` }],
  ];
  for (const [tag, attrs] of parts) {
    const child = document.createElementNS(ns, tag);
    for (const [k, v] of Object.entries(attrs)) child.setAttribute(k, v);
    svg.append(child);
  }
  return svg;
}

function schedule(): void {
  if (timer) clearTimeout(timer);
  timer = setTimeout(() => void refresh(), POLL_MS);
}

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    return body.error?.message ?? `Lỗi máy chủ (${response.status}).`;
  } catch {
    return `Lỗi máy chủ (${response.status}).`;
  }
}

function ticketCard(status: PhoneTicketStatus): HTMLElement {
  const card = el('section', `phone__card phone__state--${status.state}`);
  card.dataset.state = status.state;
  if (status.centreName) {
    card.append(el('p', 'phone__centre', status.centreName));
    document.title = `Phiếu của tôi – ${status.centreName}`;
  }
  if (status.number !== null) {
    card.append(el('p', 'phone__label', 'Số thứ tự của ông/bà'), el('p', 'phone__number', status.number));
    if (status.serviceName) card.append(el('p', 'phone__service', status.serviceName));
  }
  card.append(el('p', 'phone__message', status.message));
  if (status.state === 'unknown' || status.state === 'waiting' || status.state === 'called') {
    card.append(el('p', 'phone__note', 'Trang tự cập nhật; ông/bà không cần tải lại.'));
  }
  return card;
}

function ratingForm(status: PhoneTicketStatus): HTMLElement {
  const card = el('section', 'phone__card');
  card.append(el('p', 'phone__message', 'Ông/bà hài lòng với việc phục vụ ở mức nào?'));
  const faces = el('div', 'phone__faces');
  const error = el('p', 'phone__error');
  status.levels.forEach((level, index) => {
    const { tone, position } = levelTone(index, status.levels.length);
    const button = el('button', 'phone__face');
    button.type = 'button';
    button.style.background = tone.background;
    button.style.color = tone.ink;
    button.append(face(position), el('span', '', level.label));
    button.addEventListener('click', () => {
      if (level.low && status.reasons.length > 0) {
        choosing = true;
        card.replaceChildren(reasonsForm(status, level.code, level.label));
      } else {
        void send(level.code, [], error);
      }
    });
    faces.append(button);
  });
  card.append(faces, error, el('p', 'phone__note', 'Không cần đăng nhập, không hỏi thông tin cá nhân.'));
  return card;
}

function reasonsForm(status: PhoneTicketStatus, level: string, label: string): HTMLElement {
  const box = el('div', 'phone__reasons');
  box.append(el('p', 'phone__message', `Ông/bà chọn "${label}". Vì sao? (không bắt buộc)`));
  const boxes: HTMLInputElement[] = [];
  for (const reason of status.reasons) {
    const row = el('label', 'phone__reason');
    const input = el('input', '');
    input.type = 'checkbox';
    input.value = reason.code;
    boxes.push(input);
    row.append(input, el('span', '', reason.label));
    box.append(row);
  }
  const error = el('p', 'phone__error');
  const submit = el('button', 'phone__send', 'Gửi đánh giá');
  submit.type = 'button';
  submit.addEventListener('click', () => {
    void send(
      level,
      boxes.filter((b) => b.checked).map((b) => b.value),
      error,
    );
  });
  box.append(submit, error);
  return box;
}

async function send(level: string, reasons: string[], error: HTMLElement): Promise<void> {
  error.textContent = '';
  try {
    const response = await fetch(`/api/v1/phone/${encodeURIComponent(token)}/rating`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(reasons.length > 0 ? { level, reasons } : { level }),
    });
    if (!response.ok) {
      error.textContent = await readError(response);
      return;
    }
    choosing = false;
    await refresh();
  } catch {
    error.textContent = 'Không gửi được đánh giá: điện thoại đang mất kết nối. Xin thử lại.';
  }
}

async function refresh(): Promise<void> {
  if (choosing) return;
  try {
    const response = await fetch(`/api/v1/phone/${encodeURIComponent(token)}`, { cache: 'no-store' });
    if (!response.ok) {
      root.replaceChildren(el('p', 'phone__error', await readError(response)));
      if (response.status !== 404) schedule();
      return;
    }
    const status = (await response.json()) as PhoneTicketStatus;
    const parts: HTMLElement[] = [ticketCard(status)];
    if (status.canRate) parts.push(ratingForm(status));
    root.replaceChildren(...parts);
    // Keep following until the ticket is over and there is nothing left to do here.
    if (
      status.state !== 'closed' &&
      !(status.state === 'done' && !status.canRate && (status.rated || status.rateUntil !== null))
    ) {
      if (!status.canRate) schedule();
    }
  } catch {
    root.replaceChildren(el('p', 'phone__error', 'Mất kết nối. Trang sẽ tự thử lại.'));
    schedule();
  }
}

void refresh();
