import { procedure, router } from "../trpc/init";
import { listAudit } from "./list-audit";
import { listAuditActions } from "./list-audit-actions";
import { auditQuerySchema } from "./schema";

export const auditRouter = router({
  list: procedure("audit:read")
    .input(auditQuerySchema)
    .query(({ ctx, input }) => listAudit(ctx.scope, input)),
  /** The action picker's choices. */
  actions: procedure("audit:read").query(({ ctx }) => listAuditActions(ctx.scope)),
});
