import type { z } from "zod";
import type { Db } from "@/db/client";

/** One admin command: its flags (validated with zod), a one-line help, and what it does. */
export interface Command<S extends z.ZodType = z.ZodType> {
  name: string;
  summary: string;
  usage: string;
  flags: S;
  run(db: Db, flags: z.infer<S>): Promise<{ json: Record<string, unknown>; text: string }>;
}

export const defineCommand = <S extends z.ZodType>(command: Command<S>) => command;
