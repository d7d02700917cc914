/**
 * The one owner of the background services of a process (job worker, scheduler, demo traffic, pipeline,
 * event writer): started in the order they were added, stopped in the reverse order, each stop awaited before
 * the next — so the writer commits what the demo and the jobs queued before the database closes. A service that fails to stop is logged and the others still stop.
 */
export interface BackgroundService {
  name: string;
  start?(): void | Promise<void>;
  stop(): void | Promise<void>;
}

export class Lifecycle {
  private readonly started: BackgroundService[] = [];

  async start(service: BackgroundService): Promise<void> {
    await service.start?.();
    this.started.push(service);
  }

  async stopAll(): Promise<void> {
    for (const service of this.started.splice(0).reverse()) {
      try {
        await service.stop();
      } catch (error) {
        console.error(`stopping ${service.name} failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }
}
