import "server-only";
import { headers } from "next/headers";
import { createCallerFactory } from "./init";
import { appRouter } from "./root";
import { createTrpcContext } from "./create-context";

/** tRPC for server components: the same procedures and permission checks as the browser gets. */
export async function serverCaller() {
  return createCallerFactory(appRouter)(await createTrpcContext(await headers(), null));
}
