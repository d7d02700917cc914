import { env } from "@/server/env";
import { handleCronRequest } from "@/server/jobs/handle-cron-request";

export const dynamic = "force-dynamic";

const handler = async (request: Request, { params }: { params: Promise<{ job: string }> }) =>
  handleCronRequest(request, (await params).job, env().CRON_SECRET);

export { handler as GET, handler as POST };
