// How far a published fit can be trusted, in words and table cells, from the columns
// src/lib/study/fits.ts writes: the seed-to-seed spread and the lack-of-fit test, exponent
// intervals that run into the search box ("unbounded"), failed bootstrap refits and the
// Monte-Carlo error of the interval ends, and the runs a transfer law had to drop. Every
// number comes from the row. Pure: strings in, strings out (the pages wrap them in HTML).
import {fmt} from "./study-style.js";

type Row = Record<string, unknown>;

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : typeof x === "bigint" ? Number(x) : null);
const pct = (x: number) => `${fmt(100 * x, 2)}%`;

/** "0.52 [0.31, unbounded above]": an interval end that runs into the fit's search box is not a number. */
export function fmtExponent(row: Row, name: string): string {
  const value = num(row[name]);
  if (value === null) return "–";
  const lo = num(row[`${name}_lo`]);
  const hi = num(row[`${name}_hi`]);
  if (lo === null || hi === null) return fmt(value);
  const side = typeof row[`${name}_unbounded`] === "string" ? (row[`${name}_unbounded`] as string) : null;
  const loText = side === "below" || side === "both" ? "unbounded below" : fmt(lo);
  const hiText = side === "above" || side === "both" ? "unbounded above" : fmt(hi);
  return `${fmt(value)} [${loText}, ${hiText}]`;
}

/** The seed-to-seed spread: "±1.2% between seeds (5 replicated cells)", or that there are no replicates. */
export function seedSpread(row: Row): string {
  const sd = num(row.replicate_sd);
  const cells = num(row.replicated_cells);
  if (sd === null || !cells) return "one seed per cell: no seed-to-seed spread measured";
  return `±${pct(sd)} between seeds (${cells} replicated ${cells === 1 ? "cell" : "cells"})`;
}

/** One sentence: does the law describe these runs, against what noise, by which test. */
export function lackOfFitSentence(row: Row): string {
  if (row.ok !== true) return "";
  const p = num(row.lof_p);
  const residual = num(row.residual_sd);
  const method = row.lof_method;
  const resid = residual !== null ? `residuals ±${pct(residual)}` : "";
  if (p === null || method === "none" || method === null || method === undefined) {
    return `No lack-of-fit test (one seed per cell and no evaluation standard errors)${resid ? `; ${resid}` : ""}.`;
  }
  const against = method === "replicates-F" ? `seed-to-seed spread ±${pct(num(row.replicate_sd) ?? NaN)} (F test on the replicated cells)` : `evaluation noise alone ±${pct(num(row.evaluation_sd) ?? NaN)} (chi-square test; seed noise is not in it)`;
  return p < 0.05
    ? `The law does not describe these runs: ${resid} against ${against}, lack-of-fit p = ${fmt(p, 2)}.`
    : `Residuals are within the noise: ${resid} against ${against}, lack-of-fit p = ${fmt(p, 2)}.`;
}

/** "600 resamples, 12 refits failed (2.0%)". */
export function refitsText(row: Row): string {
  const total = num(row.resamples);
  const failed = num(row.resamples_failed);
  if (total === null) return num(row.resamples_used) !== null ? `${num(row.resamples_used)} resamples kept` : "no bootstrap";
  return `${total} resamples, ${failed ?? 0} refits failed${failed ? ` (${pct(failed / total)})` : ""}`;
}

/** Monte-Carlo error of an interval's ends: "±0.004 / ±0.02". */
export function mcText(row: Row, name: string): string {
  const lo = num(row[`${name}_lo_mc`]);
  const hi = num(row[`${name}_hi_mc`]);
  return lo === null || hi === null ? "–" : `±${fmt(lo, 2)} / ±${fmt(hi, 2)}`;
}

/** Why a transfer law dropped runs, or that it kept them all. */
export function droppedText(row: Row): string {
  if (row.ok !== true) return "";
  const dropped = num(row.dropped);
  if (!dropped) return "no run dropped";
  return typeof row.dropped_reason === "string" ? row.dropped_reason : `${dropped} runs dropped (at or below a floor)`;
}
