/** A mutation's or query's error message, announced to screen readers. */
export function ErrorText({ error }: { error: { message: string } | null | undefined }) {
  if (!error) return null;
  return (
    <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
      {error.message}
    </p>
  );
}
