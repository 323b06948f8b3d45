// Scaling-law analysis: pure functions, no Node-only imports (used by pages in the browser and by
// data loaders in Node). Every fit returns {ok: true, ...} or {ok: false, reason, message}.
//
//   fitJointLaw          L(N, D) = E + A/N^alpha + B/D^beta (Huber on log L, VP grid + BFGS)
//   bootstrapJointLaw    percentile intervals for E, A, alpha, B, beta, a, b
//   fitMarginalInN/InD   L(N) = E_N + A/N^alpha, L(D) = E_D + B/D^beta (fitPowerLaw underneath)
//   excessLossReductionRatio   r = k^-alpha
//   fitLossToLoss        L_ood - E_ood = K (L_id - E_id)^kappa, bootstrapLossToLoss
//   paretoFrontier, fitFrontier, bootstrapFrontier   L = E + A (C - C0)^-gamma
//   fitMacs, computeOptimalExponents, isoLossGrid    compute-optimal allocation and contours
//   overfittingExtent, requiredDataSize, fitOverfittingCurve   paper Appendix B.6
//   lackOfFit            seed-to-seed spread and a lack-of-fit test of a fitted law
//   fitKaplanLaw         L(N, D) = E + [(Nc/N)^(alphaN/alphaD) + Dc/D]^alphaD (Kaplan et al. 2020, Eq. 1.5)
//   leaveOneOut, aboveChance, assessLawForm   comparing the laws' forms on the same runs
//   normalCdf, fUpper, chiSquareUpper, binomialUpper, clopperPearson, holmAdjust   for the tests

export * from "./types.js";
export * from "./rng.js";
export * from "./huber.js";
export * from "./quantile.js";
export * from "./r-squared.js";
export * from "./linear-regression.js";
export * from "./grid.js";
export * from "./bfgs.js";
export * from "./bootstrap.js";
export * from "./joint-law.js";
export * from "./joint-bootstrap.js";
export * from "./marginal-law.js";
export * from "./power-law-bootstrap.js";
export * from "./reduction-ratio.js";
export * from "./loss-to-loss.js";
export * from "./transfer-data.js";
export * from "./frontier.js";
export * from "./macs.js";
export * from "./compute-optimal.js";
export * from "./iso-loss.js";
export * from "./overfitting.js";
export * from "./distributions.js";
export * from "./lack-of-fit.js";
export * from "./kaplan-law.js";
export * from "./law-selection.js";
// The fitting engine underneath, for other laws of the same shape.
export * from "./nnls.js";
export * from "./power-sum-model.js";
export * from "./power-sum-fit.js";
export * from "./inner-coefficients.js";
