import { z } from "zod";
import { nameSchema } from "../accounts/schema";

export const workspaceNameSchema = nameSchema;
export const renameWorkspaceSchema = z.object({ name: workspaceNameSchema });
export const switchWorkspaceSchema = z.object({ workspaceId: z.uuid("must be a workspace id") });
