import { EnrichmentView } from "@/components/enrichment/enrichment-view";
import { PageHeader } from "@/components/ui/page-header";

export default function EnrichmentPage() {
  return (
    <>
      <PageHeader
        title="Enrichment"
        description="Add second- and third-party data to profiles from files: CRM exports, vendor data, account lists."
      />
      <EnrichmentView />
    </>
  );
}
