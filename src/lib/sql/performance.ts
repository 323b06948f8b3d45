// SQL of the Absolute performance page (paper Fig. 4 / S.3, Tables S.5 / S.6): the four
// families' OOD losses on common axes, and which family wins in each bin of N or of D.
// Only OOD datasets: the ID losses are each family's own objective (BCE, contrastive,
// masked-token CE) and do not compare across families.
import {ident} from "../db/sql.js";
import {oodColumn, oodConstantColumn, oodSeColumn} from "../study/run-row.js";
import {datasetOrder, literal, lossLongSql} from "./common.js";

/** Every run's best loss on each OOD dataset. */
export function oodPointsSql(datasets: readonly string[]): string {
  return `SELECT * FROM (${lossLongSql(datasets)}) WHERE dataset <> 'id'
  ORDER BY ${datasetOrder("dataset", datasets)}, family, N, D`;
}

/** The best loss of each family at each N (over its D) or each D (over its N), per OOD dataset: the chart's lines. */
export function bestAlongSql(datasets: readonly string[], by: "N" | "D"): string {
  return `SELECT dataset, family, ${by} AS x, min(L) AS L, arg_min(key, L) AS key
  FROM (${lossLongSql(datasets)}) WHERE dataset <> 'id'
  GROUP BY dataset, family, ${by}
  ORDER BY ${datasetOrder("dataset", datasets)}, family, x`;
}

/**
 * Each family's best loss in each bin of N (or D) per OOD dataset, ranked within the bin
 * (rank 1 = the winner). Bins: `bins` equal widths in log space over the study's range of the
 * variable; bin_lo and bin_hi are their edges. margin: how much worse the next family is
 * (null for the last). families: how many families have a run in the bin.
 */
export function binRanksSql(datasets: readonly string[], by: "N" | "D", bins: number): string {
  return `WITH pts AS (SELECT * FROM (${lossLongSql(datasets)}) WHERE dataset <> 'id'),
  r AS (SELECT ln(min(${by})) AS lo, ln(max(${by})) AS hi FROM pts),
  b AS (
    SELECT pts.*, least(${bins - 1}, CAST(floor((ln(${by}) - r.lo) / greatest(r.hi - r.lo, 1e-12) * ${bins}) AS INTEGER)) AS bin
    FROM pts CROSS JOIN r
  ),
  best AS (SELECT dataset, bin, family, min(L) AS L, arg_min(key, L) AS key, arg_min(N, L) AS N, arg_min(D, L) AS D FROM b GROUP BY dataset, bin, family),
  ranked AS (
    SELECT *, row_number() OVER w AS rank, count(*) OVER (PARTITION BY dataset, bin) AS families,
      lead(L) OVER w - L AS margin
    FROM best WINDOW w AS (PARTITION BY dataset, bin ORDER BY L, family)
  )
  SELECT ranked.*, exp(r.lo + bin * (r.hi - r.lo) / ${bins}) AS bin_lo, exp(r.lo + (bin + 1) * (r.hi - r.lo) / ${bins}) AS bin_hi
  FROM ranked CROSS JOIN r
  ORDER BY ${datasetOrder("dataset", datasets)}, bin, rank`;
}

/** How many (dataset, bin) cells each family wins, by N or by D. */
export function winCountsSql(datasets: readonly string[], by: "N" | "D", bins: number): string {
  return `SELECT family, count(*) AS wins FROM (${binRanksSql(datasets, by, bins)}) WHERE rank = 1 GROUP BY family ORDER BY wins DESC, family`;
}

/**
 * Every run's probe on each OOD dataset with what the comparison with the simple-feature baseline needs
 * (src/lib/study/baselines.ts): key, family, N, D, dataset, loss, its standard error, AUROC and the constant
 * predictor's loss from the run record.
 */
export function oodProbesSql(datasets: readonly string[]): string {
  if (datasets.length === 0) return "SELECT NULL AS dataset WHERE false";
  return datasets
    .map(
      (d) =>
        `SELECT key, family, params AS N, records AS D, ${literal(d)} AS dataset, ${ident(oodColumn(d, "loss"))} AS loss, ` +
        `${ident(oodSeColumn(d))} AS lossSe, ${ident(oodColumn(d, "auroc"))} AS auroc, ${ident(oodConstantColumn(d))} AS constantLoss FROM runs ` +
        `WHERE isfinite(${ident(oodColumn(d, "loss"))})`
    )
    .join("\nUNION ALL\n");
}
