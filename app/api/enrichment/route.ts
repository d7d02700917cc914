import { sessionUser } from "@/server/auth/session-user";
import { handleEnrichmentUpload } from "@/server/enrichment/handle-upload-request";

export const dynamic = "force-dynamic";
// A large file takes a while to apply; the answer comes once it is done.
export const maxDuration = 3600;

export async function POST(request: Request) {
  return handleEnrichmentUpload(request, await sessionUser());
}
