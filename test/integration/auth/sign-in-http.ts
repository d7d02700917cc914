import { handlers } from "@/server/auth/nextauth";
import { CLIENT_IP_HEADER } from "@/server/auth/client-ip";

export const cookiesOf = (response: Response) => response.headers.getSetCookie();

/** Signs in through next-auth's own route handlers, as the browser does (CSRF token first). */
export async function signInOverHttp(origin: string, email: string, password: string, ip = "10.0.0.1") {
  const csrf = await handlers.GET(new Request(`${origin}/api/auth/csrf`) as never);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = cookiesOf(csrf)
    .map((c) => c.split(";")[0])
    .join("; ");
  const body = new URLSearchParams({ email, password, csrfToken, callbackUrl: `${origin}/` });
  return handlers.POST(
    new Request(`${origin}/api/auth/callback/credentials`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        cookie: csrfCookie,
        [CLIENT_IP_HEADER]: ip,
        origin,
      },
      body,
    }) as never,
  );
}
