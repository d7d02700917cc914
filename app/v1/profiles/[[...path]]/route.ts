import { handleProfileApiRequest } from "@/server/profile-api/handle-profile-api-request";

/**
 * The Profile API (GET /v1/profiles/{type}:{value}/{traits|events|external_ids|metadata}) under `next start`.
 * The self-hosted server answers it on its fast path; the other methods are here to be refused with 405.
 */
export const dynamic = "force-dynamic";

export const GET = (request: Request) => handleProfileApiRequest(request);
export const POST = GET;
export const PUT = GET;
export const PATCH = GET;
export const DELETE = GET;
