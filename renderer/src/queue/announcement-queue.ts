import { callClips, RATING_INVITATION_CLIPS, type ClipId } from '../../../shared/domain/announcement-clips.ts';

/** What is said: the sentence for a system voice, and the same sentence as bundled clips (null when a word has none). */
export interface Announcement {
  text: string;
  clips: readonly ClipId[] | null;
}

/** What an announcement is played on: the browser's audio and speech, or fakes in tests. */
export interface AnnouncementOutput {
  chime(): Promise<void>;
  /** Resolves once the announcement has been said, or at once where nothing can say it. */
  speak(announcement: Announcement): Promise<void>;
}

/** "Mời công dân có số thứ tự 1001 đến quầy số 1"; the clips say "Mời số 1001 đến quầy 1". */
export function callAnnouncement(number: string, counterNumber: number): Announcement {
  return {
    text: `Mời công dân có số thứ tự ${number} đến quầy số ${String(counterNumber)}`,
    clips: callClips(number, counterNumber),
  };
}

/** The rating invitation, said once when the rating screen opens. */
export const RATING_INVITATION: Announcement = {
  text: 'Mời ông bà đánh giá mức độ hài lòng',
  clips: RATING_INVITATION_CLIPS,
};

/**
 * Plays announcements one after another: a call made while another is being read waits for
 * it to finish; none is ever cut off. A failing output skips that part, not the queue.
 */
export class AnnouncementQueue {
  private tail: Promise<void> = Promise.resolve();
  private waiting = 0;

  constructor(
    private readonly output: AnnouncementOutput,
    private readonly onError: (error: unknown) => void = () => {},
  ) {}

  /** Announcements queued or playing. */
  get size(): number {
    return this.waiting;
  }

  /** Queues a chime (unless `chime` is false) then the announcement; resolves when it has finished. */
  enqueue(announcement: Announcement, chime = true): Promise<void> {
    this.waiting += 1;
    const play = async (): Promise<void> => {
      try {
        if (chime) await this.attempt(() => this.output.chime());
        await this.attempt(() => this.output.speak(announcement));
      } finally {
        this.waiting -= 1;
      }
    };
    const run = this.tail.then(play);
    this.tail = run;
    return run;
  }

  private async attempt(part: () => Promise<void>): Promise<void> {
    try {
      await part();
    } catch (error) {
      this.onError(error);
    }
  }
}
