/** Delay before retrying after failed attempt `attempt` (1-based): 2 s, 4 s, 8 s … capped at one hour. */
export function retryDelayMs(attempt: number): number {
  return Math.min(3_600_000, 2_000 * 2 ** Math.max(0, attempt - 1));
}
