import { procedure, router } from "../trpc/init";
import { getProfile } from "./get-profile";
import { profileTimeline } from "./profile-timeline";
import { profileIdSchema, profileTimelineSchema, searchProfilesSchema, traitHistorySchema } from "./schema";
import { searchProfiles } from "./search-profiles";
import { traitHistory } from "./trait-history";

export const profilesRouter = router({
  search: procedure("profiles:read")
    .input(searchProfilesSchema)
    .query(({ ctx, input }) => searchProfiles(ctx.scope, input)),
  get: procedure("profiles:read")
    .input(profileIdSchema)
    .query(({ ctx, input }) => getProfile(ctx.scope, input.profileId)),
  timeline: procedure("profiles:read")
    .input(profileTimelineSchema)
    .query(({ ctx, input }) => profileTimeline(ctx.scope, input)),
  traitHistory: procedure("profiles:read")
    .input(traitHistorySchema)
    .query(({ ctx, input }) => traitHistory(ctx.scope, input.profileId, input.name)),
});
