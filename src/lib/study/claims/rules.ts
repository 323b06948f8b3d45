// The decision thresholds of the findings (stated on the methods page; calibrated in test/unit/findings-calibration.test.ts).


/** An exponent below this counts as zero: a 10-fold scale-up would cut the excess loss by less than 0.25%. */
export const EXPONENT_ZERO = 1e-3;

/** Family-wise level over the claims (Holm), and the two-sided level of each claim. */
export const SIGNIFICANCE = 0.05;

/** One-sided level of each unit's test: the 95% interval on one side of the threshold. */
export const UNIT_LEVEL = SIGNIFICANCE / 2;

/** "Nearly all": the share of units that must be established to hold. */
export const NEARLY_ALL = 0.8;
