import { procedure, router } from "../trpc/init";
import { addMember } from "./add-member";
import { changeMemberRole } from "./change-member-role";
import { listMembers } from "./list-members";
import { removeMember } from "./remove-member";
import { addMemberSchema, changeRoleSchema, removeMemberSchema } from "./schema";

export const teamRouter = router({
  list: procedure("team:read").query(({ ctx }) => listMembers(ctx.scope)),
  add: procedure("team:manage")
    .input(addMemberSchema)
    .mutation(({ ctx, input }) => addMember(ctx.scope, input)),
  changeRole: procedure("team:manage")
    .input(changeRoleSchema)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.scope, input)),
  remove: procedure("team:manage")
    .input(removeMemberSchema)
    .mutation(({ ctx, input }) => removeMember(ctx.scope, input)),
});
