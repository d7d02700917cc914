/**
 * Wakes this process's job workers at once (a job was just enqueued) instead of at their next poll. Kept on
 * globalThis: the custom server and Next's bundle load separate copies of this module.
 */
const holder = globalThis as typeof globalThis & { __cdpJobWakers?: Set<() => void> };
const wakers = (holder.__cdpJobWakers ??= new Set());

export function onWake(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}

export function wakeWorkers(): void {
  for (const wake of wakers) wake();
}
