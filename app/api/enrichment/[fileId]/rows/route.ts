import { sessionUser } from "@/server/auth/session-user";
import { handleRowsDownload } from "@/server/enrichment/handle-rows-download";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ fileId: string }> }) {
  return handleRowsDownload(request, (await params).fileId, await sessionUser());
}
