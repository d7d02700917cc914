/**
 * A mapping worker thread (see mapping-pool.ts). Plain JavaScript so that Node loads it as it is in every
 * host — `npm start` under tsx, Next's compiled server inside it, Vitest — and then has tsx load the
 * TypeScript evaluator (tsImport: its own loader for this import, whatever the thread inherited), so the
 * limits and the RE2 engine are the same code as everywhere else.
 */
import { tsImport } from "tsx/esm/api";

const { evaluateMapping } = await tsImport("./evaluate-mapping.ts", import.meta.url);

/**
 * Evaluates one mapping within MAPPING_LIMITS. The result travels back as JSON text: JSONata's sequences
 * carry extra properties and may hold functions, which cannot cross threads and are not events anyway.
 */
export default async function evaluate({ mapping, payload, headers }) {
  const evaluated = await evaluateMapping(mapping, payload, { headers });
  if (!evaluated.ok) return evaluated;
  try {
    return { ok: true, json: evaluated.value === undefined ? undefined : JSON.stringify(evaluated.value) };
  } catch (error) {
    return {
      ok: false,
      error: `the mapping's result is not JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
