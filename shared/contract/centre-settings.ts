import { z } from 'zod';

/** How calls are read aloud. */
export const SpeechSettingsSchema = z.strictObject({
  /** Use a system vi-VN voice where one is installed instead of the bundled clips. */
  preferSystemVoice: z.boolean(),
});
export type SpeechSettings = z.infer<typeof SpeechSettingsSchema>;
