// The Scaling and Transfer pages' words for fit quality (src/components/fit-quality.ts): every
// number from the row; unbounded interval ends; which lack-of-fit test was used.
import {test} from "node:test";
import assert from "node:assert/strict";
import {droppedText, fmtExponent, lackOfFitSentence, mcText, refitsText, seedSpread} from "../../src/components/fit-quality.js";

test("fit quality: unbounded ends, lack of fit by method, seeds, refits, Monte-Carlo error, dropped runs", () => {
  assert.equal(fmtExponent({alpha: 0.52, alpha_lo: 0.31, alpha_hi: 3, alpha_unbounded: "above"}, "alpha"), "0.52 [0.31, unbounded above]");
  assert.equal(fmtExponent({beta: 0.1, beta_lo: 0, beta_hi: 3, beta_unbounded: "both"}, "beta"), "0.1 [unbounded below, unbounded above]");
  assert.equal(fmtExponent({beta: 0.1, beta_lo: 0.05, beta_hi: 0.2, beta_unbounded: null}, "beta"), "0.1 [0.05, 0.2]");
  const f = {ok: true, lof_method: "replicates-F", lof_p: 0.001, residual_sd: 0.05, replicate_sd: 0.012, replicated_cells: 16};
  assert.equal(lackOfFitSentence(f), "The law does not describe these runs: residuals ±5% against seed-to-seed spread ±1.2% (F test on the replicated cells), lack-of-fit p = 0.001.");
  assert.match(lackOfFitSentence({...f, lof_p: 0.4}), /^Residuals are within the noise/);
  assert.match(lackOfFitSentence({ok: true, lof_method: "evaluation-se-chi2", lof_p: 0.2, residual_sd: 0.01, evaluation_sd: 0.009}), /evaluation noise alone ±0.9% \(chi-square test; seed noise is not in it\)/);
  assert.match(lackOfFitSentence({ok: true, lof_method: "none", lof_p: null, residual_sd: 0.02}), /^No lack-of-fit test/);
  assert.equal(seedSpread(f), "±1.2% between seeds (16 replicated cells)");
  assert.match(seedSpread({replicate_sd: null, replicated_cells: 0}), /one seed per cell/);
  assert.equal(refitsText({resamples: 600, resamples_failed: 12}), "600 resamples, 12 refits failed (2%)");
  assert.equal(mcText({kappa_lo_mc: 0.004, kappa_hi_mc: 0.02}, "kappa"), "±0.004 / ±0.02");
  assert.equal(droppedText({ok: true, dropped: 0}), "no run dropped");
  assert.equal(droppedText({ok: true, dropped: 3, dropped_reason: "3 of 16 runs dropped: 3 with an ID loss at or below the ID floor"}), "3 of 16 runs dropped: 3 with an ID loss at or below the ID floor");
});
