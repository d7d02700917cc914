import { handleWebhookRequest } from "@/server/webhooks/handle-webhook-request";

export const dynamic = "force-dynamic";

export async function POST(request: Request, { params }: { params: Promise<{ sourceId: string }> }) {
  return handleWebhookRequest(request, (await params).sourceId);
}
