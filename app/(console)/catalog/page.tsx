import { PageHeader } from "@/components/ui/page-header";
import { CatalogView } from "@/components/catalog/catalog-view";

export default function CatalogPage() {
  return (
    <>
      <PageHeader
        title="Event catalog"
        description="What your sources actually send: each event, the property paths seen in it, their types, and how often."
      />
      <CatalogView />
    </>
  );
}
