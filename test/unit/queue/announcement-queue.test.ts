import { describe, expect, it } from 'vitest';
import {
  AnnouncementQueue,
  callAnnouncement,
  type Announcement,
  type AnnouncementOutput,
} from '../../../renderer/src/queue/announcement-queue.ts';

const say = (text: string): Announcement => ({ text, clips: null });

/** A speaker whose chimes and sentences end only when the test says so; it logs starts and ends. */
class FakeSpeaker implements AnnouncementOutput {
  log: string[] = [];
  private finishers: Array<() => void> = [];
  failSpeech = false;

  chime(): Promise<void> {
    this.log.push('chime');
    return new Promise((resolve) =>
      this.finishers.push(() => {
        this.log.push('chime end');
        resolve();
      }),
    );
  }

  speak({ text }: Announcement): Promise<void> {
    this.log.push(`speak ${text}`);
    if (this.failSpeech) return Promise.reject(new Error('no voice'));
    return new Promise((resolve) =>
      this.finishers.push(() => {
        this.log.push(`end ${text}`);
        resolve();
      }),
    );
  }

  /** Ends whatever is playing, then lets the queue move on. */
  async finishCurrent(): Promise<void> {
    const finish = this.finishers.shift();
    if (!finish) throw new Error('nothing is playing');
    finish();
    await new Promise((r) => setTimeout(r, 0));
  }
}

const flush = () => new Promise((r) => setTimeout(r, 0));

describe('AnnouncementQueue', () => {
  it('says the Vietnamese sentence of the brief', () => {
    expect(callAnnouncement('1001', 1).text).toBe('Mời công dân có số thứ tự 1001 đến quầy số 1');
  });

  it('says "Mời số 1024 đến quầy 3" with the bundled clips, word by word', () => {
    expect(callAnnouncement('1024', 3).clips).toEqual([
      'moi-so',
      'mot',
      'nghin',
      'khong',
      'tram',
      'hai',
      'muoi-ngang',
      'tu',
      'den-quay',
      'ba',
    ]);
    expect(callAnnouncement('A015', 21).clips).toEqual([
      'moi-so',
      'chu-a',
      'muoi-huyen',
      'lam',
      'den-quay',
      'hai',
      'muoi-ngang',
      'mot2',
    ]);
  });

  it('plays the chime then the sentence', async () => {
    const speaker = new FakeSpeaker();
    const queue = new AnnouncementQueue(speaker);
    const done = queue.enqueue(say('A'));
    await flush();
    expect(speaker.log).toEqual(['chime']);
    await speaker.finishCurrent();
    expect(speaker.log).toEqual(['chime', 'chime end', 'speak A']);
    await speaker.finishCurrent();
    await done;
    expect(queue.size).toBe(0);
  });

  it('never cuts an announcement off: a second call waits for the first to end', async () => {
    const speaker = new FakeSpeaker();
    const queue = new AnnouncementQueue(speaker);
    void queue.enqueue(say('1001'));
    void queue.enqueue(say('1002'));
    const last = queue.enqueue(say('1001 lần hai'));
    await flush();
    expect(queue.size).toBe(3);
    for (let i = 0; i < 6; i += 1) await speaker.finishCurrent();
    await last;
    expect(speaker.log).toEqual([
      'chime',
      'chime end',
      'speak 1001',
      'end 1001',
      'chime',
      'chime end',
      'speak 1002',
      'end 1002',
      'chime',
      'chime end',
      'speak 1001 lần hai',
      'end 1001 lần hai',
    ]);
  });

  it('a failing speech engine leaves the chime and does not block the next call', async () => {
    const speaker = new FakeSpeaker();
    speaker.failSpeech = true;
    const errors: unknown[] = [];
    const queue = new AnnouncementQueue(speaker, (e) => errors.push(e));
    const first = queue.enqueue(say('1001'));
    const second = queue.enqueue(say('1002'));
    await flush();
    await speaker.finishCurrent();
    await first;
    await speaker.finishCurrent();
    await second;
    expect(speaker.log).toEqual(['chime', 'chime end', 'speak 1001', 'chime', 'chime end', 'speak 1002']);
    expect(errors).toHaveLength(2);
  });
});
