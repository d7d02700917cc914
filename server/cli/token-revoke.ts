import { z } from "zod";
import { revokeAccessToken } from "../access-tokens/revoke-access-token";
import { accessTokenIdSchema } from "../access-tokens/schema";
import { cliActor } from "../scope";
import { defineCommand } from "./command";
import { findWorkspace } from "./find-workspace";

export const tokenRevoke = defineCommand({
  name: "token:revoke",
  summary: "Revoke a workspace access token (the Profile API refuses it within seconds)",
  usage: "--workspace ID|NAME --id TOKEN_ID",
  flags: z.object({ workspace: z.string().min(1), id: accessTokenIdSchema.shape.tokenId }),
  async run(db, flags) {
    const workspace = await findWorkspace(db, flags.workspace);
    const revoked = await revokeAccessToken(
      { db, workspaceId: workspace.id, role: "owner", actor: cliActor() },
      flags.id,
    );
    return {
      json: { id: revoked.id, name: revoked.name, revokedAt: revoked.revokedAt.toISOString(), workspace: workspace.id },
      text: `Revoked access token "${revoked.name}" (${revoked.id})`,
    };
  },
});
