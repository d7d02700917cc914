import type { Db } from "@/db/client";
import type { BackgroundService } from "../lifecycle";
import { JobScheduler } from "./scheduler";
import { JobWorker } from "./worker";

/** The job worker and the scheduler as lifecycle services of a process. */
export function jobServices(db: Db): BackgroundService[] {
  const worker = new JobWorker(db);
  const scheduler = new JobScheduler(db);
  return [
    { name: "job worker", start: () => void worker.start(), stop: () => worker.stop() },
    { name: "job scheduler", start: () => void scheduler.start(), stop: () => scheduler.stop() },
  ];
}
