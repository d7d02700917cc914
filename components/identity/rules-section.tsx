import type { LucideIcon } from "lucide-react";
import type { ReactNode } from "react";

/** One settings section: its title and what it does on the left, its controls on the right (stacked when narrow). */
export function RulesSection(props: {
  id: string;
  icon: LucideIcon;
  title: string;
  description: ReactNode;
  children: ReactNode;
}) {
  const { id, icon: Icon, title, description, children } = props;
  return (
    <section
      id={id}
      aria-labelledby={`${id}-title`}
      className="grid gap-4 border-t border-gray-200 py-8 lg:grid-cols-[15rem_minmax(0,1fr)] lg:gap-8 xl:grid-cols-[19rem_minmax(0,1fr)]"
    >
      <div>
        <div className="flex items-center gap-2">
          <span className="rounded-md bg-blue-50 p-1.5 text-blue-700 ring-1 ring-inset ring-blue-600/10">
            <Icon aria-hidden className="h-4 w-4" />
          </span>
          <h2 id={`${id}-title`} className="font-semibold text-gray-900">
            {title}
          </h2>
        </div>
        <div className="mt-2 space-y-2 text-sm text-gray-500">{description}</div>
      </div>
      <div className="min-w-0 space-y-4">{children}</div>
    </section>
  );
}

/** A white panel inside a section, with an optional heading line. */
export function Panel({ title, aside, children }: { title?: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <div className="rounded-lg border border-gray-200 bg-white p-5 shadow-sm">
      {(title || aside) && (
        <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
          {title && <h3 className="text-sm font-medium text-gray-900">{title}</h3>}
          {aside}
        </div>
      )}
      {children}
    </div>
  );
}
