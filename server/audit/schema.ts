import { z } from "zod";

export const auditQuerySchema = z
  .object({
    actor: z.string().trim().max(200).optional(),
    action: z.string().trim().max(100).optional(),
    from: z.coerce.date().optional(),
    to: z.coerce.date().optional(),
    page: z.number().int().min(1).max(100_000).default(1),
    pageSize: z.number().int().min(1).max(200).default(50),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "`from` must not be after `to`", path: ["from"] });

export type AuditQuery = z.infer<typeof auditQuerySchema>;
