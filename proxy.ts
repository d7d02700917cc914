import { NextResponse, type NextRequest } from "next/server";
import { foreignOriginReason } from "@/server/auth/origin-check";

/** Refuses state-changing requests sent from another site (CSRF), before any route sees them. */
export function proxy(request: NextRequest) {
  const reason = foreignOriginReason(request.method, request.nextUrl.pathname, request.headers);
  if (reason) return NextResponse.json({ error: { code: "FORBIDDEN", message: reason } }, { status: 403 });
  return NextResponse.next();
}

// File uploads skip the proxy: Next would copy their bodies for it and cut them at 10 MB. The upload route
// runs the same origin check itself.
export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|api/imports/).*)"] };
