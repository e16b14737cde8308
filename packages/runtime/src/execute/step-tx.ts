import type { PoolClient } from "pg";

/**
 * A parametrised SQL text built with the `sql` tag. Values never reach the text: each becomes `$n`, and a nested
 * `Sql` (a fragment) is spliced in with its parameters renumbered.
 */
export class Sql {
  readonly strings: readonly string[];
  readonly values: readonly unknown[];

  constructor(strings: readonly string[], values: readonly unknown[]) {
    const outStrings = [strings[0] ?? ""];
    const outValues: unknown[] = [];
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      const next = strings[i + 1] ?? "";
      if (value instanceof Sql) {
        outStrings[outStrings.length - 1] += value.strings[0] ?? "";
        for (let k = 0; k < value.values.length; k++) {
          outValues.push(value.values[k]);
          outStrings.push(value.strings[k + 1] ?? "");
        }
        outStrings[outStrings.length - 1] += next;
      } else {
        outValues.push(value);
        outStrings.push(next);
      }
    }
    this.strings = outStrings;
    this.values = outValues;
  }

  get text(): string {
    let text = this.strings[0] ?? "";
    for (let i = 1; i < this.strings.length; i++) text += `$${i}${this.strings[i]}`;
    return text;
  }
}

/**
 * Tagged template for SQL. Dates are sent as ISO instants (UTC): the Prisma schema's `DateTime` columns are
 * `timestamp without time zone` holding UTC, and node-postgres would otherwise send the process's local time.
 */
export function sql(strings: TemplateStringsArray | readonly string[], ...values: unknown[]): Sql {
  return new Sql(
    strings,
    values.map((v) => (v instanceof Date ? v.toISOString() : v)),
  );
}

/** Joins fragments with a separator (itself plain SQL text). */
export function join(fragments: readonly Sql[], separator: string): Sql {
  if (fragments.length === 0) return sql``;
  const strings = ["", ...fragments.slice(1).map(() => separator), ""];
  return new Sql(strings, fragments);
}

// Each distinct statement text is prepared once per connection under a stable name: the step path runs the same
// few statements thousands of times, so PostgreSQL parses and plans them once per connection.
const names = new Map<string, string>();
const MAX_NAMED = 500;

function statementName(text: string): string | undefined {
  let name = names.get(text);
  if (name === undefined && names.size < MAX_NAMED) {
    name = `northstar_step_${names.size + 1}`;
    names.set(text, name);
  }
  return name;
}

/**
 * Where a step's statements run. Reads (the enrollment, the engine's ports) see committed data; the step's records
 * are written by `applyOutcome` in ONE statement, which is the step's transaction: it commits all of them or none,
 * and only if the enrollment is still the version the step read (see apply-outcome).
 *
 * Given a `WithClient` (what the step path uses), each statement borrows a pool connection for itself alone, so no
 * connection is held while the step waits on anything else: a model writing a brief or choosing an option can take
 * seconds, and with connections held the pool, not the model, would bound how many steps run at once. Nothing in
 * a step needs two statements on one connection (no transaction spans statements). Given a client, every
 * statement runs on it.
 */
export class StepSql {
  constructor(private readonly client: PoolClient | WithClient) {}

  async rows<R>(query: Sql): Promise<R[]> {
    return this.text<R>(query.text, query.values as unknown[]);
  }

  /** A statement written with `$n` placeholders (shared with the Prisma side, see core's RawQuery). */
  async text<R>(text: string, values: unknown[]): Promise<R[]> {
    const config = { name: statementName(text), text, values };
    const client = this.client;
    const result = typeof client === "function" ? await client((c) => c.query(config)) : await client.query(config);
    return result.rows as R[];
  }

  async first<R>(query: Sql): Promise<R | undefined> {
    return (await this.rows<R>(query))[0];
  }
}

/**
 * One record a statement writes: a data-modifying CTE (or a select of graphile_worker.add_job) returning one row per
 * record written; a later CTE may select from an earlier one by name (a step's records select `from guard`, the
 * enrollment's move, so that none is written when the move matched nothing). Parameters in `insert ... select` need
 * explicit casts: PostgreSQL does not infer them from the target columns there.
 */
export interface Write {
  name: string;
  sql: Sql;
  /** What the statement reports for this record: an aggregate over its rows; default the count of rows written. */
  result?: string;
}

/**
 * Runs the writes as one statement (one transaction); returns how many rows each wrote, by name (or its `result`,
 * null when it wrote nothing).
 */
export async function writeAll(db: StepSql, writes: Write[]): Promise<Record<string, number | string | null>> {
  const ctes = join(
    writes.map((w) => sql([`${w.name} as (`, ")"], w.sql)),
    ", ",
  );
  const counts = join(
    writes.map((w) => sql([`(select ${w.result ?? "count(*)::int"} from ${w.name}) as "${w.name}"`])),
    ", ",
  );
  return (await db.first<Record<string, number | string | null>>(sql`with ${ctes} select ${counts}`)) ?? {};
}

/** How the caller lends a connection for the length of one step (graphile-worker's `helpers.withPgClient`). */
export type WithClient = <T>(work: (client: PoolClient) => Promise<T>) => Promise<T>;
