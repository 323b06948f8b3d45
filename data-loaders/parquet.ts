// The loaders write their tables with the same Parquet writer the report's figure downloads use (src/lib/parquet-write.ts).
export {toParquet, type Cell, type ColumnSpec, type ColumnType} from "../src/lib/parquet-write.js";
