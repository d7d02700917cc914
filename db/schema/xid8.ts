import { customType } from "drizzle-orm/pg-core";

/** Postgres's 64-bit transaction id (never wraps). Read and written as its decimal text. */
export const xid8 = customType<{ data: string; driverData: string }>({ dataType: () => "xid8" });
