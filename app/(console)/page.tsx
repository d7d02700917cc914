import { redirect } from "next/navigation";

// The console opens on its first area.
export default function Home() {
  redirect("/sources");
}
