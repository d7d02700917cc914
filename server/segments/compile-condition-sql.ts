import { sql, type SQL } from "drizzle-orm";
import {
  assertNever,
  type Condition,
  type DateCondition,
  type NumberCondition,
  type TextCondition,
} from "./conditions";
import { DATE_TEXT, MAX_NUMERIC_DIGITS, NUMERIC_TEXT, ZONED_DATE_TEXT } from "./coerce-value";

/**
 * A condition as a SQL predicate over a jsonb expression `v` (a trait value, or an event path that may be SQL
 * NULL when missing) — match-condition.ts in SQL. Every user value is a bound parameter. The predicate may be
 * NULL for a missing value; callers put it in a WHERE (NULL = no match), never under NOT. Casts are guarded
 * by CASE (which evaluates in order), so text that is not a number or a date never errors, it just fails.
 */
export function conditionSql(condition: Condition, v: SQL, now: Date): SQL {
  switch (condition.kind) {
    case "text":
      return textSql(condition, v);
    case "number":
      return numberSql(condition, numberOf(v));
    case "boolean":
      return sql`(CASE jsonb_typeof(${v}) WHEN 'boolean' THEN (${v})::boolean
                  WHEN 'string' THEN CASE ${v} #>> '{}' WHEN 'true' THEN true WHEN 'false' THEN false END END) = ${condition.value}::boolean`;
    case "date":
      return dateSql(condition, dateOf(v), now);
    case "list": {
      const wanted = condition.value;
      const element =
        typeof wanted === "string"
          ? sql`jsonb_typeof(l.e) = 'string' AND ${fold(sql`l.e #>> '{}'`, condition.caseInsensitive)} = ${fold(sql`${wanted}::text`, condition.caseInsensitive)}`
          : typeof wanted === "number"
            ? sql`jsonb_typeof(l.e) = 'number' AND (l.e)::numeric = ${wanted}::numeric`
            : sql`l.e = ${JSON.stringify(wanted)}::jsonb`;
      return sql`EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(${v}) = 'array' THEN ${v} ELSE '[]'::jsonb END) AS l(e)
                 WHERE ${element})`;
    }
    default:
      return assertNever(condition);
  }
}

const fold = (text: SQL, caseInsensitive: boolean | undefined) => (caseInsensitive ? sql`lower(${text})` : text);

function textSql(c: TextCondition, v: SQL): SQL {
  const isText = sql`jsonb_typeof(${v}) = 'string'`;
  switch (c.operator) {
    case "exists":
      return sql`coalesce(jsonb_typeof(${v}) <> 'null', false)`;
    case "not_exists":
      return sql`coalesce(jsonb_typeof(${v}) = 'null', true)`;
    case "in":
    case "not_in": {
      // One parameter for the whole list, however long.
      const s = fold(sql`(${v} #>> '{}')`, c.caseInsensitive);
      const list = sql`(SELECT ${fold(sql`l.x`, c.caseInsensitive)} FROM jsonb_array_elements_text(${JSON.stringify(c.values)}::jsonb) AS l(x))`;
      return c.operator === "in" ? sql`(${isText} AND ${s} IN ${list})` : sql`(${isText} AND ${s} NOT IN ${list})`;
    }
    default:
      return sql`(${isText} AND ${textComparisonSql(c, fold(sql`(${v} #>> '{}')`, c.caseInsensitive))})`;
  }
}

function textComparisonSql(c: Extract<TextCondition, { value: string }>, s: SQL): SQL {
  const p = fold(sql`${c.value}::text`, c.caseInsensitive);
  switch (c.operator) {
    case "equals":
      return sql`${s} = ${p}`;
    case "not_equals":
      return sql`${s} <> ${p}`;
    case "contains":
      return sql`strpos(${s}, ${p}) > 0`;
    case "starts_with":
      return sql`starts_with(${s}, ${p})`;
    case "ends_with":
      return sql`right(${s}, length(${p})) = ${p}`;
    default:
      return assertNever(c.operator);
  }
}

/** numeric, or NULL when the value is not a number (coerce-value.ts asNumber). */
export function numberOf(v: SQL): SQL {
  const t = sql`(${v} #>> '{}')`;
  return sql`(CASE jsonb_typeof(${v}) WHEN 'number' THEN (${v})::numeric
              WHEN 'string' THEN CASE WHEN ${t} ~ ${NUMERIC_TEXT} AND length(translate(${t}, '-.', '')) <= ${MAX_NUMERIC_DIGITS}::int
                                 THEN ${t}::numeric END END)`;
}

/**
 * A number condition over a numeric expression (NULL = no match), against threshold × `times` when given
 * (an average compared as a sum against threshold × count).
 */
export function numberSql(c: NumberCondition, n: SQL, times?: SQL): SQL {
  const t = (threshold: number) => (times ? sql`(${threshold}::numeric * ${times})` : sql`${threshold}::numeric`);
  switch (c.operator) {
    case "eq":
      return sql`${n} = ${t(c.value)}`;
    case "neq":
      return sql`${n} <> ${t(c.value)}`;
    case "lt":
      return sql`${n} < ${t(c.value)}`;
    case "lte":
      return sql`${n} <= ${t(c.value)}`;
    case "gt":
      return sql`${n} > ${t(c.value)}`;
    case "gte":
      return sql`${n} >= ${t(c.value)}`;
    case "between":
      return sql`${n} BETWEEN ${t(c.min)} AND ${t(c.max)}`;
    default:
      return assertNever(c);
  }
}

/** timestamptz, or NULL when the value is not a date (coerce-value.ts asDate); no zone means UTC. */
export function dateOf(v: SQL): SQL {
  const t = sql`(${v} #>> '{}')`;
  return sql`(CASE WHEN jsonb_typeof(${v}) = 'string' AND ${t} ~ ${DATE_TEXT} THEN
                CASE WHEN substr(${t}, 9, 2)::int <= extract(day FROM make_date(substr(${t}, 1, 4)::int, substr(${t}, 6, 2)::int, 1) + interval '1 month - 1 day') THEN
                  CASE WHEN ${t} ~ ${ZONED_DATE_TEXT} THEN ${t}::timestamptz ELSE ${t}::timestamp AT TIME ZONE 'UTC' END
                END
              END)`;
}

const at = (ms: number) => sql`${new Date(ms).toISOString()}::timestamptz`;

function dateSql(c: DateCondition, d: SQL, now: Date): SQL {
  switch (c.operator) {
    case "before":
      return sql`${d} < ${at(Date.parse(c.value))}`;
    case "after":
      return sql`${d} > ${at(Date.parse(c.value))}`;
    case "within_last_days":
      return sql`${d} BETWEEN ${at(now.getTime() - c.days * 86_400_000)} AND ${at(now.getTime())}`;
    case "more_than_days_ago":
      return sql`${d} < ${at(now.getTime() - c.days * 86_400_000)}`;
    default:
      return assertNever(c);
  }
}
