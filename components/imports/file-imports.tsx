"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "../trpc/client";
import { ImportForm } from "./import-form";
import { ImportsTable } from "./imports-table";

/** A file source's imports: the upload form (for managers) and the list of imports with their totals. */
export function FileImports({ sourceId, canManage }: { sourceId: string; canManage: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [uploading, setUploading] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.imports.list.queryKey() });

  return (
    <div className="space-y-6">
      {canManage && (
        <ImportForm
          sourceId={sourceId}
          onStarted={() => (setUploading(true), void refresh())}
          onFinished={() => (setUploading(false), void refresh())}
        />
      )}
      <ImportsTable sourceId={sourceId} polling={uploading} />
    </div>
  );
}
