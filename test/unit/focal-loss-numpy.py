"""Independent reference for test/unit/focal-loss.test.ts: the focal loss of Lin et al. 2017 (eq. 5) written
naively in float64 numpy from probabilities (p = 1 / (1 + e^-x), p_t, alpha_t, (1 - p_t)^gamma, -log p_t),
averaged over all elements, and its gradient by central finite differences of that naive loss (h = 1e-6).
Only for moderate logits (|x| < 30), where the naive form is exact enough.

Usage: python3 focal-loss-numpy.py problem.json answer.json
problem.json: {"cases": [{"x": [...], "z": [...], "gamma": g, "alpha": a or null}, ...]}
answer.json:  {"cases": [{"loss": L, "grad": [...]}, ...]}
"""
import json
import sys

import numpy as np


def focal(x, z, gamma, alpha):
    p = 1.0 / (1.0 + np.exp(-x))
    pt = np.where(z == 1, p, 1.0 - p)
    at = np.ones_like(x) if alpha is None else np.where(z == 1, alpha, 1.0 - alpha)
    return np.mean(at * (1.0 - pt) ** gamma * -np.log(pt))


def main(source, target):
    with open(source) as f:
        problem = json.load(f)
    out = []
    for c in problem["cases"]:
        x = np.asarray(c["x"], dtype=np.float64)
        z = np.asarray(c["z"], dtype=np.float64)
        gamma, alpha = float(c["gamma"]), c.get("alpha")
        h = 1e-6
        grad = np.zeros_like(x)
        for i in range(x.size):
            e = np.zeros_like(x)
            e[i] = h
            grad[i] = (focal(x + e, z, gamma, alpha) - focal(x - e, z, gamma, alpha)) / (2 * h)
        out.append({"loss": float(focal(x, z, gamma, alpha)), "grad": grad.tolist()})
    with open(target, "w") as f:
        json.dump({"cases": out}, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
