import { z } from "zod";
import { emailSchema, nameSchema, passwordSchema, roleSchema } from "../accounts/schema";

export const addMemberSchema = z.object({
  email: emailSchema,
  role: roleSchema,
  name: nameSchema.optional(),
  /** Needed only when the email has no account yet: the new member's first password. */
  password: passwordSchema.optional(),
});
export const changeRoleSchema = z.object({ userId: z.uuid("must be a user id"), role: roleSchema });
export const removeMemberSchema = z.object({ userId: z.uuid("must be a user id") });

export type AddMemberInput = z.infer<typeof addMemberSchema>;
