import { identifierLabel } from "../profiles/identifier-labels";

const BUILT_IN = ["user_id", "email", "phone", "anonymous_id"];

/** A built-in type by its readable name ("User id"); a custom type by its own name, as the workspace wrote it. */
export const typeLabel = (type: string) => (BUILT_IN.includes(type) ? identifierLabel(type) : type);
