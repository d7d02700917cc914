import { ProfileView } from "@/components/profiles/profile-view";

export default async function ProfilePage({ params }: { params: Promise<{ profileId: string }> }) {
  return <ProfileView profileId={(await params).profileId} />;
}
