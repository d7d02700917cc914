import { handleErrorsDownload } from "@/server/imports/handle-errors-download";
import { sessionUser } from "@/server/auth/session-user";

export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ sourceId: string; importId: string }> }) {
  const { sourceId, importId } = await params;
  return handleErrorsDownload(request, sourceId, importId, await sessionUser());
}
