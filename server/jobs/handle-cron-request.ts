import { createHash, timingSafeEqual } from "node:crypto";
import { getDb } from "../database";
import { errorResponse, failureResponse } from "../http/reply";
import { enqueueJob } from "./enqueue-job";
import { jobDefinition } from "./registry";
import { wakeWorkers } from "./wake-workers";

const MAX_INPUT_BYTES = 64 * 1024;
const digest = (value: string) => createHash("sha256").update(value).digest();

/** Whether the Authorization header carries `Bearer <secret>` (compared in constant time). */
function authorized(header: string | null, secret: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(header ?? "");
  return !!match && timingSafeEqual(digest(match[1].trim()), digest(secret));
}

/**
 * GET or POST /api/cron/{job}: an external scheduler (a system cron, a platform's cron) asks for one run of a
 * job now. Authorised by `Authorization: Bearer $CRON_SECRET`; a POST may carry the job's input as JSON.
 * Answers 202 with the queued job's id; the in-process worker picks it up at once.
 */
export async function handleCronRequest(
  request: Request,
  jobName: string,
  secret: string | undefined,
): Promise<Response> {
  if (request.method !== "GET" && request.method !== "POST")
    return errorResponse(405, "method_not_allowed", "call a job with GET or POST", { allow: "GET, POST" });
  if (!secret)
    return errorResponse(
      403,
      "cron_disabled",
      "CRON_SECRET is not set on this server, so jobs cannot be called over HTTP",
    );
  if (!authorized(request.headers.get("authorization"), secret)) {
    return errorResponse(401, "invalid_cron_secret", "send Authorization: Bearer <CRON_SECRET>", {
      "www-authenticate": 'Bearer realm="cron"',
    });
  }
  const definition = jobDefinition(jobName);
  if (!definition) return errorResponse(404, "unknown_job", `there is no job named "${jobName.slice(0, 100)}"`);

  let input: unknown = {};
  if (request.method === "POST") {
    const text = await request.text();
    if (Buffer.byteLength(text) > MAX_INPUT_BYTES)
      return errorResponse(413, "input_too_large", `the job input is over ${MAX_INPUT_BYTES / 1024} KB`);
    if (text.trim()) {
      try {
        input = JSON.parse(text);
      } catch {
        return errorResponse(
          400,
          "invalid_json",
          "the body is not valid JSON; send the job's input as a JSON object, or no body",
        );
      }
    }
  }
  try {
    const jobId = await enqueueJob(await getDb(), definition, input);
    wakeWorkers();
    return Response.json(
      { jobId, job: definition.id, status: "queued" },
      { status: 202, headers: { "cache-control": "no-store" } },
    );
  } catch (error) {
    return failureResponse(error, `job ${definition.id}`);
  }
}
