import { ColumnTypeEnum, type SqlQuery, type SqlResultSet } from "@prisma/driver-adapter-utils";

// @prisma/adapter-pg 7.10 rejects built-in types it has no column type for. The schema engine meets them only
// when it reads pg_catalog (which is why `schemaPush` fails with "Column type 'char' could not be
// deserialized"): "char" (relkind, contype...), int2vector, regproc, oidvector, pg_node_tree...
const CHAR_OID = 18;
const TEXT_OID = 25;
const TEXT_LIKE_OIDS = new Set([22, 24, 30, 194, 2202, 2205, 2206]);

interface PgField {
  dataTypeID: number;
}
interface PgResult {
  fields: PgField[];
  rows: unknown[][];
}
interface PgQueryable {
  queryRaw(query: SqlQuery): Promise<SqlResultSet>;
  performIO(query: SqlQuery): Promise<PgResult>;
}

/**
 * Makes a pg adapter queryable (connection or transaction) report "char" columns as Character (what the engine's
 * describer asks for) and the other catalog-only types as text, reusing the adapter's own mapping for the rest.
 */
export function patchCatalogTypes<T extends object>(queryable: T): T {
  const target = queryable as unknown as PgQueryable;
  const originalQueryRaw = target.queryRaw;
  const originalPerformIO = target.performIO;
  target.queryRaw = async function queryRaw(this: PgQueryable, query: SqlQuery) {
    const result = await originalPerformIO.call(this, query);
    const charColumns: number[] = [];
    result.fields.forEach((field, index) => {
      if (field.dataTypeID === CHAR_OID) charColumns.push(index);
      if (field.dataTypeID === CHAR_OID || TEXT_LIKE_OIDS.has(field.dataTypeID)) field.dataTypeID = TEXT_OID;
    });
    // The original reads the result through `this.performIO`, called synchronously on entry: hand it ours.
    this.performIO = async () => result;
    let pending: Promise<SqlResultSet>;
    try {
      pending = originalQueryRaw.call(this, query);
    } finally {
      this.performIO = originalPerformIO;
    }
    const set = await pending;
    for (const index of charColumns) set.columnTypes[index] = ColumnTypeEnum.Character;
    return set;
  };
  return queryable;
}
