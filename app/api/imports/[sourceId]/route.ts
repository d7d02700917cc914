import { handleUploadRequest } from "@/server/imports/handle-upload-request";
import { sessionUser } from "@/server/auth/session-user";

export const dynamic = "force-dynamic";
// A large file takes a while to import; the answer comes once it is done.
export const maxDuration = 3600;

export async function POST(request: Request, { params }: { params: Promise<{ sourceId: string }> }) {
  return handleUploadRequest(request, (await params).sourceId, await sessionUser());
}
