import type { PriorityChoice, QueueServiceChoice } from '../../../shared/contract/queue-channels.ts';

// Stable empty lists for store selectors: a fresh [] on every read would re-render for ever.
export const NO_SERVICES: readonly QueueServiceChoice[] = [];
export const NO_PRIORITIES: readonly PriorityChoice[] = [];
