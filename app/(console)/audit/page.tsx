import { PageHeader } from "@/components/ui/page-header";
import { AuditLogView } from "@/components/audit/audit-log-view";

export default function AuditPage() {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made in this workspace: who, what, when and from where."
      />
      <AuditLogView />
    </>
  );
}
