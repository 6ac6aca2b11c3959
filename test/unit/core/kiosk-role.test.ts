import { afterEach, describe, expect, it } from 'vitest';
import { demoCore, type DemoCore } from '../../support/core-fixtures.ts';

let kiosk: DemoCore | null = null;
afterEach(() => {
  kiosk?.close();
  kiosk = null;
});

describe("the kiosk's role", () => {
  it('is a counter until assigned, follows the stored role, and reads a role from a newer server as unassigned', async () => {
    kiosk = await demoCore();
    const { core } = kiosk;
    core.config.setSetting('kiosk.role', '');
    expect(core.role()).toBe('counter');
    expect(core.state().role).toBeNull();
    core.config.setSetting('kiosk.role', 'entrance');
    expect(core.role()).toBe('entrance');
    expect(core.state().role).toBe('entrance');
    core.config.setSetting('kiosk.role', 'something-newer');
    expect(core.role()).toBe('counter');
    expect(core.state().role).toBeNull();
  });
});
