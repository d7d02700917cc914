import { z } from "zod";
import { createAccessToken } from "../access-tokens/create-access-token";
import { ACCESS_TOKEN_SCOPES, createAccessTokenSchema } from "../access-tokens/schema";
import { cliActor } from "../scope";
import { defineCommand } from "./command";
import { findWorkspace } from "./find-workspace";

export const tokenCreate = defineCommand({
  name: "token:create",
  summary: "Create a workspace access token for the Profile API and print it (shown only this once)",
  usage: `--workspace ID|NAME --name NAME --scope ${ACCESS_TOKEN_SCOPES.join("|")}[,…]`,
  flags: z.object({
    workspace: z.string().min(1),
    name: createAccessTokenSchema.shape.name,
    // One scope, or several separated by commas; an unknown one is named with the list of scopes.
    scope: z.string().transform((text, ctx) => {
      const parsed = createAccessTokenSchema.shape.scopes.safeParse(text.split(",").map((s) => s.trim()));
      if (parsed.success) return parsed.data;
      for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
      return z.NEVER;
    }),
  }),
  async run(db, flags) {
    const workspace = await findWorkspace(db, flags.workspace);
    const token = await createAccessToken(
      { db, workspaceId: workspace.id, role: "owner", actor: cliActor() },
      {
        name: flags.name,
        scopes: flags.scope,
      },
    );
    return {
      json: { id: token.id, token: token.token, scopes: token.scopes, workspace: workspace.id },
      text:
        `Created access token "${token.name}" (${token.id}) in workspace "${workspace.name}" with ${token.scopes.join(", ")}\n` +
        `Token: ${token.token}\nIt is shown only this once: only its hash is kept.`,
    };
  },
});
