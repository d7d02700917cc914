import { z } from "zod";
import { createSourceSchema } from "../sources/schema";
import { createSource } from "../sources/create-source";
import { cliActor } from "../scope";
import { defineCommand } from "./command";
import { findWorkspace } from "./find-workspace";

export const sourceCreate = defineCommand({
  name: "source:create",
  summary: "Create a source and print its write key (shown only this once)",
  usage: "--workspace ID|NAME --type http|webhook|file --name NAME",
  flags: createSourceSchema.extend({ workspace: z.string().min(1) }),
  async run(db, flags) {
    const workspace = await findWorkspace(db, flags.workspace);
    const { source, writeKey } = await createSource(
      { db, workspaceId: workspace.id, role: "owner", actor: cliActor() },
      flags,
    );
    return {
      json: { id: source.id, name: source.name, type: source.type, workspaceId: workspace.id, writeKey },
      text: `Created ${source.type} source "${source.name}" (${source.id})\nWrite key: ${writeKey} (owners and admins can reveal it again in the console)`,
    };
  },
});
