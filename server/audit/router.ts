import { procedure, router } from "../trpc/init";
import { listAudit } from "./list-audit";
import { auditQuerySchema } from "./schema";

export const auditRouter = router({
  list: procedure("audit:read")
    .input(auditQuerySchema)
    .query(({ ctx, input }) => listAudit(ctx.scope, input)),
});
