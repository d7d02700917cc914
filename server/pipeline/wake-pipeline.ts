/**
 * Wakes this process's pipeline right after events commit, instead of at its next poll. On globalThis: the
 * custom server and Next's bundle load separate copies of this module.
 */
const holder = globalThis as typeof globalThis & { __cdpPipelineWakers?: Set<() => void> };
const wakers = (holder.__cdpPipelineWakers ??= new Set());

export function onPipelineWake(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}

export function wakePipeline(): void {
  for (const wake of wakers) wake();
}
