import { getDb } from "../database";
import { toResponse } from "../http/reply";
import { handleProfileApi, type ProfileApiDeps } from "./handle-profile-api";

/** The Profile API from a Web Request to a Response: the Next route handler's door (app/v1/profiles). */
export async function handleProfileApiRequest(request: Request, deps: ProfileApiDeps = { getDb }): Promise<Response> {
  const url = new URL(request.url);
  const reply = await handleProfileApi(
    {
      method: request.method.toUpperCase(),
      path: url.pathname,
      query: url.search.slice(1),
      header: (name) => request.headers.get(name),
    },
    deps,
  );
  return toResponse(reply);
}
