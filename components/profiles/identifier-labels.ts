/** How identifier types read in the console. */
const LABELS: Record<string, string> = {
  user_id: "User id",
  anonymous_id: "Anonymous id",
  email: "Email",
  phone: "Phone",
};

export const identifierLabel = (type: string) => LABELS[type] ?? type.replace(/_/g, " ");
