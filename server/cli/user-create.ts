import { z } from "zod";
import { emailSchema, nameSchema, passwordSchema, roleSchema } from "../accounts/schema";
import { addMember } from "../team/add-member";
import { cliActor } from "../scope";
import { defineCommand } from "./command";
import { findWorkspace } from "./find-workspace";

export const userCreate = defineCommand({
  name: "user:create",
  summary: "Create a user (or take an existing one) and add them to a workspace with a role",
  usage:
    "--email EMAIL --password PASSWORD --role owner|admin|marketer|analyst|viewer --workspace ID|NAME [--name NAME]",
  flags: z.object({
    email: emailSchema,
    password: passwordSchema,
    role: roleSchema,
    workspace: z.string().min(1),
    name: nameSchema.optional(),
  }),
  async run(db, flags) {
    const workspace = await findWorkspace(db, flags.workspace);
    // The CLI acts as an owner: it may grant any role, the owner role included.
    const member = await addMember({ db, workspaceId: workspace.id, role: "owner", actor: cliActor() }, flags);
    return {
      json: { userId: member.userId, email: member.email, role: member.role, workspaceId: workspace.id },
      text: `${member.email} is now ${member.role} of "${workspace.name}"`,
    };
  },
});
