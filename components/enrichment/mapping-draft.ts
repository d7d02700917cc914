import type { EnrichmentMapping } from "@/server/enrichment/schema";
import type { FileHead } from "../imports/read-file-head";

export interface TraitDraft {
  on: boolean;
  /** The trait's name (the column's unless renamed). */
  name: string;
}

export interface MappingDraft {
  keyType: string;
  keyColumn: string;
  /** "" = the values are as of the upload. */
  asOfColumn: string;
  createProfiles: boolean;
  traits: Record<string, TraitDraft>;
}

const KEY_GUESSES: Record<string, RegExp> = {
  email: /e-?mail/i,
  phone: /phone|mobile|^tel/i,
  user_id: /^(user[_ ]?id|userid|customer[_ ]?id|external[_ ]?id|id)$/i,
};
const DATE_GUESS = /^(updated[_ ]?at|updated|as[_ ]?of|date|modified|last[_ ]?modified)$/i;

/** The column that probably holds a key type (custom types: a column of that name). */
export const guessKeyColumn = (type: string, columns: string[]) =>
  columns.find((c) => (KEY_GUESSES[type] ?? new RegExp(`^${type}$`, "i")).test(c)) ?? "";

/** A first mapping from the file's columns: the first key type a column suggests, every other column a trait. */
export function initialDraft(head: FileHead, keyTypes: string[]): MappingDraft {
  const keyType =
    keyTypes.find((t) => guessKeyColumn(t, head.columns)) ?? keyTypes.find((t) => t === "email") ?? keyTypes[0];
  const keyColumn = guessKeyColumn(keyType, head.columns);
  return {
    keyType,
    keyColumn,
    asOfColumn: "",
    createProfiles: false,
    traits: Object.fromEntries(head.columns.map((c) => [c, { on: c !== keyColumn && !DATE_GUESS.test(c), name: c }])),
  };
}

/** The mapping the server expects, or the reason it is not complete yet. */
export function draftToMapping(
  draft: MappingDraft,
  delimiter: EnrichmentMapping["delimiter"],
): { mapping: EnrichmentMapping | null; missing: string | null } {
  if (!draft.keyColumn) return { mapping: null, missing: "Choose the column holding the key." };
  const traits = Object.entries(draft.traits)
    .filter(([column, t]) => t.on && column !== draft.keyColumn && column !== draft.asOfColumn)
    .map(([column, t]) => ({ column, name: t.name.trim() && t.name.trim() !== column ? t.name.trim() : undefined }));
  if (traits.length === 0) return { mapping: null, missing: "Choose at least one column to become a trait." };
  const names = traits.map((t) => t.name ?? t.column);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice) return { mapping: null, missing: `Two columns would become the trait "${twice}".` };
  return {
    missing: null,
    mapping: {
      keyType: draft.keyType,
      keyColumn: draft.keyColumn,
      asOfColumn: draft.asOfColumn || undefined,
      createProfiles: draft.createProfiles,
      traits,
      delimiter,
    },
  };
}
