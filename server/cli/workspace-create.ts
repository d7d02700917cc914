import { z } from "zod";
import { workspaceNameSchema } from "../workspaces/schema";
import { createWorkspace } from "../workspaces/create-workspace";
import { cliActor } from "../scope";
import { defineCommand } from "./command";

export const workspaceCreate = defineCommand({
  name: "workspace:create",
  summary: "Create a workspace",
  usage: "--name NAME",
  flags: z.object({ name: workspaceNameSchema }),
  async run(db, flags) {
    const workspace = await createWorkspace(db, cliActor(), { name: flags.name });
    return {
      json: { id: workspace.id, name: workspace.name },
      text: `Created workspace "${workspace.name}" (${workspace.id})`,
    };
  },
});
