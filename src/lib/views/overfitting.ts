// Twins of src/lib/sql/overfitting.ts (see common.ts): training and validation curves, the gap
// per run and the extent of overfitting against the family's ID joint law.
import {finite, orderBy, type Row} from "./common.js";

/** trainValCurvesSql: training and validation loss at each evaluation, long form. */
export function trainValCurves(runs: readonly Row[], curves: readonly Row[]): Row[] {
  const size = new Map(runs.map((r) => [r.key as string, r.size]));
  const rows: Row[] = [];
  for (const [curve, column] of [["train", "train_loss"], ["validation", "val_loss"]] as const) {
    for (const c of curves) {
      const loss = finite(c[column]);
      if (!size.has(c.key as string) || loss === null || !(loss > 0)) continue;
      rows.push({key: c.key, family: c.family, size: size.get(c.key as string), N: c.params, D: c.records, step: c.step, curve, loss});
    }
  }
  return orderBy(rows, (r) => r.family as string, (r) => r.N as number, (r) => r.D as number, (r) => r.curve as string, (r) => r.step as number);
}

/** trainValGapSql: per run, final train loss, best validation loss and their gap. */
export function trainValGap(runs: readonly Row[]): Row[] {
  const rows = runs
    .filter((r) => finite(r.final_train_loss) !== null && finite(r.best_val_loss) !== null)
    .map((r) => ({
      key: r.key, family: r.family, size: r.size, N: r.params, D: r.records, final_train_loss: r.final_train_loss, best_val_loss: r.best_val_loss,
      gap: (r.best_val_loss as number) - (r.final_train_loss as number), stopped_early: r.stopped_early
    }));
  return orderBy(rows, (r) => r.family as string, (r) => r.N as number, (r) => r.D as number);
}

/** overfittingExtentSql: floor L_inf(N) = E + A N^-alpha from the family's ID law, extent = (L_val - floor) / floor. */
export function overfittingExtent(runs: readonly Row[], fits: readonly Row[]): Row[] {
  const laws = fits.filter((f) => f.dataset === "id" && f.ok === true && finite(f.alpha) !== null);
  const rows = runs.flatMap((r) => {
    const L = finite(r.best_val_loss);
    if (L === null) return [];
    return laws
      .filter((f) => f.family === r.family)
      .map((f) => {
        const floor = (f.E as number) + (f.A as number) * (r.params as number) ** -(f.alpha as number);
        return {key: r.key, family: r.family, size: r.size, N: r.params, D: r.records, L, floor, extent: (L - floor) / floor};
      });
  });
  return orderBy(rows, (r) => r.family as string, (r) => r.N as number, (r) => r.D as number);
}
