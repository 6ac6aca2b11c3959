import { useCallback } from 'react';
import { useKiosk } from '../store/kiosk-context.ts';
import { NO_SERVICES } from './empty.ts';

/** Starts the flow from idle, or issues a number from inside it. */
export function useTakeNumber() {
  const invoke = useKiosk((s) => s.invoke);
  const go = useKiosk((s) => s.go);
  const services = useKiosk((s) => s.kiosk?.queue.services ?? NO_SERVICES);

  const issue = useCallback(
    async (serviceId: string, priority?: string): Promise<void> => {
      go({ name: 'takeNumber', flow: { step: 'issuing' } });
      const result = await invoke(
        'queue:takeNumber',
        priority === undefined ? { serviceId } : { serviceId, priorityCategory: priority },
      );
      go({
        name: 'takeNumber',
        flow: result.ok ? { step: 'ticket', ticket: result.value } : { step: 'error', message: result.error.message },
      });
    },
    [invoke, go],
  );

  /** A single service is issued at once; several are offered first. */
  const chooseService = useCallback(
    (priority?: string): void => {
      const only = services.length === 1 ? services[0] : undefined;
      if (only) void issue(only.id, priority);
      else
        go({ name: 'takeNumber', flow: priority === undefined ? { step: 'service' } : { step: 'service', priority } });
    },
    [services, issue, go],
  );

  const startPriority = useCallback((): void => go({ name: 'takeNumber', flow: { step: 'priority' } }), [go]);

  return { issue, chooseService, startPriority, hasServices: services.length > 0 };
}
