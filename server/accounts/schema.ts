import { z } from "zod";
import { ROLES } from "../auth/permissions";

export const emailSchema = z.email("must be an email address").trim().toLowerCase().max(254);
export const passwordSchema = z
  .string()
  .min(8, "must be at least 8 characters")
  .max(200, "must be at most 200 characters");
export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(", ")}` });
export const nameSchema = z.string().trim().min(1, "must not be empty").max(100, "must be at most 100 characters");

export const credentialsSchema = z.object({ email: emailSchema, password: z.string().min(1).max(200) });

/** The Account page's form: the current password, and the new one twice (the strength rule of every password). */
export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "enter your current password").max(200),
    newPassword: passwordSchema,
    confirmPassword: z.string().max(200),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    message: "the two new passwords differ",
    path: ["confirmPassword"],
  });

export type ChangePasswordInput = z.infer<typeof changePasswordSchema>;
