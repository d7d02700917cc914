import { PageHeader } from "@/components/ui/page-header";
import { ProfilesExplorer } from "@/components/profiles/profiles-explorer";

export default function ProfilesPage() {
  return (
    <>
      <PageHeader
        title="Profiles"
        description="One profile per person, stitched from every identifier their events carried: anonymous ids, user ids, emails and phones."
      />
      <ProfilesExplorer />
    </>
  );
}
