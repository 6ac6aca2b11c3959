/** What an announcement is played on: the browser's audio and speech, or fakes in tests. */
export interface AnnouncementOutput {
  chime(): Promise<void>;
  /** Resolves once the text has been spoken, or at once where no Vietnamese voice exists. */
  speak(text: string): Promise<void>;
}

/** "Mời công dân có số thứ tự 1001 đến quầy số 1". */
export function callAnnouncement(number: string, counterNumber: number): string {
  return `Mời công dân có số thứ tự ${number} đến quầy số ${String(counterNumber)}`;
}

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

  /** Queues a chime then `text`; resolves when this announcement has finished. */
  enqueue(text: string): Promise<void> {
    this.waiting += 1;
    const play = async (): Promise<void> => {
      try {
        await this.attempt(() => this.output.chime());
        await this.attempt(() => this.output.speak(text));
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
