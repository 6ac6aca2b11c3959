import { spokenTokens } from './vietnamese-number-words.ts';

/**
 * The recorded words an announcement is put together from, with the text each clip says. The
 * clips are synthesised by scripts/generate-speech-clips.ts into renderer/src/speech/clips/<id>.ogg;
 * a better voice can replace that folder file by file, keeping the names.
 */
export const CLIP_TEXT = {
  khong: 'không',
  mot: 'một',
  hai: 'hai',
  ba: 'ba',
  bon: 'bốn',
  nam: 'năm',
  sau: 'sáu',
  bay: 'bảy',
  tam: 'tám',
  chin: 'chín',
  'muoi-huyen': 'mười',
  'muoi-ngang': 'mươi',
  mot2: 'mốt',
  tu: 'tư',
  lam: 'lăm',
  linh: 'linh',
  tram: 'trăm',
  nghin: 'nghìn',
  trieu: 'triệu',
  ty: 'tỷ',
  so: 'số',
  'moi-so': 'Mời số',
  'den-quay': 'đến quầy',
  'moi-danh-gia': 'Mời ông bà đánh giá mức độ hài lòng',
  'chu-a': 'a',
  'chu-b': 'bê',
  'chu-c': 'xê',
  'chu-d': 'dê',
  'chu-dd': 'đê',
  'chu-e': 'e',
  'chu-f': 'ép',
  'chu-g': 'giê',
  'chu-h': 'hát',
  'chu-i': 'i',
  'chu-j': 'gi',
  'chu-k': 'ca',
  'chu-l': 'e lờ',
  'chu-m': 'em mờ',
  'chu-n': 'en nờ',
  'chu-o': 'o',
  'chu-p': 'pê',
  'chu-q': 'quy',
  'chu-r': 'e rờ',
  'chu-s': 'ét',
  'chu-t': 'tê',
  'chu-u': 'u',
  'chu-v': 'vê',
  'chu-w': 'vê kép',
  'chu-x': 'ích',
  'chu-y': 'i dài',
  'chu-z': 'dét',
} as const;

export type ClipId = keyof typeof CLIP_TEXT;

export const CLIP_IDS = Object.keys(CLIP_TEXT) as ClipId[];

/** One spoken word → its clip (only the single-word clips: numbers and their joining words). */
const WORD_CLIP = new Map<string, ClipId>(
  CLIP_IDS.filter((id) => !id.startsWith('chu-') && !CLIP_TEXT[id].includes(' ')).map((id) => [CLIP_TEXT[id], id]),
);

const letterClip = (letter: string): ClipId => (letter === 'Đ' ? 'chu-dd' : (`chu-${letter.toLowerCase()}` as ClipId));

/** The clips that say a label ("A012", "1024", "3"); null when a word has no clip (then another voice reads it). */
export function labelClips(label: string): ClipId[] | null {
  const clips: ClipId[] = [];
  for (const token of spokenTokens(label)) {
    if (token.kind === 'letter') {
      clips.push(letterClip(token.letter));
      continue;
    }
    for (const word of token.words) {
      const clip = WORD_CLIP.get(word);
      if (!clip) return null;
      clips.push(clip);
    }
  }
  return clips;
}

/** "Mời số 1024 đến quầy 3" as clips; null when the number or counter has a word with no clip. */
export function callClips(number: string, counter: string | number): ClipId[] | null {
  const numberPart = labelClips(number);
  const counterPart = labelClips(String(counter));
  if (!numberPart || !counterPart || numberPart.length === 0 || counterPart.length === 0) return null;
  return ['moi-so', ...numberPart, 'den-quay', ...counterPart];
}

/** The rating invitation as clips. */
export const RATING_INVITATION_CLIPS: readonly ClipId[] = ['moi-danh-gia'];
