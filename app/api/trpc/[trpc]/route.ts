import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/trpc/root";
import { createTrpcContext } from "@/server/trpc/create-context";
import { batchTooLargeReason, MAX_BATCH_SIZE } from "@/server/trpc/init";
import { errorResponse } from "@/server/http/reply";

export const dynamic = "force-dynamic";

const ENDPOINT = "/api/trpc";

// A batch runs each of its procedures: one request may not multiply into hundreds of queries. The check
// here gives a message that says so; tRPC's own limit below is the same number, as a second lock.
const handler = (req: Request) => {
  const tooLarge = batchTooLargeReason(new URL(req.url), ENDPOINT);
  if (tooLarge) return errorResponse(400, "batch_too_large", tooLarge);
  return fetchRequestHandler({
    endpoint: ENDPOINT,
    req,
    router: appRouter,
    maxBatchSize: MAX_BATCH_SIZE,
    createContext: ({ resHeaders }) => createTrpcContext(req.headers, resHeaders),
  });
};

export { handler as GET, handler as POST };
