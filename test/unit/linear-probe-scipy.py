"""Independent reference for test/unit/linear-probe.test.ts: L2-regularised logistic regression
solved by scipy's L-BFGS-B at one fixed lambda, with the objective written from scratch in numpy.

    multilabel: loss = mean over records and labels of BCE(sigmoid(x W + b), y)
    multiclass: loss = mean over records of -log softmax(x W + b)[y]
    objective  = loss + lambda / 2 * ||W||^2   (bias not penalised)

Usage: python3 linear-probe-scipy.py problem.json answer.json
problem.json: {"kind", "classes", "dims", "lambda", "x": [n*dims, row-major], "y": [n*classes or n]}
answer.json:  {"weights": [dims*classes, row-major], "bias": [classes], "objective", "loss", "gradNorm",
               "success", "message"} (multiclass biases centred to sum to 0, as the JS solver reports them)
"""
import json
import sys

import numpy as np
from scipy.optimize import minimize
from scipy.special import expit, logsumexp


def main(source, target):
    with open(source) as f:
        p = json.load(f)
    kind, k, d, lam = p["kind"], p["classes"], p["dims"], p["lambda"]
    x = np.asarray(p["x"], dtype=np.float64).reshape(-1, d)
    n = x.shape[0]
    if kind == "multilabel":
        y = np.asarray(p["y"], dtype=np.float64).reshape(n, k)
    else:
        y = np.asarray(p["y"], dtype=np.int64)
        onehot = np.zeros((n, k))
        onehot[np.arange(n), y] = 1.0

    def objective(theta):
        w = theta[: d * k].reshape(d, k)
        b = theta[d * k:]
        z = x @ w + b
        if kind == "multilabel":
            loss = np.mean(np.logaddexp(0.0, z) - y * z)
            dz = (expit(z) - y) / (n * k)
        else:
            lse = logsumexp(z, axis=1)
            loss = np.mean(lse - z[np.arange(n), y])
            dz = (np.exp(z - lse[:, None]) - onehot) / n
        grad = np.concatenate([(x.T @ dz + lam * w).ravel(), dz.sum(axis=0)])
        return loss + 0.5 * lam * np.sum(w * w), grad, loss

    theta0 = np.zeros(d * k + k)
    result = minimize(lambda t: objective(t)[:2], theta0, jac=True, method="L-BFGS-B",
                      options={"maxiter": 100000, "maxfun": 200000, "maxcor": 30, "ftol": 0.0, "gtol": 1e-12})
    theta = result.x
    value, grad, loss = objective(theta)
    bias = theta[d * k:].copy()
    if kind == "multiclass":
        bias -= bias.mean()
    with open(target, "w") as f:
        json.dump({"weights": theta[: d * k].tolist(), "bias": bias.tolist(), "objective": float(value), "loss": float(loss),
                   "gradNorm": float(np.linalg.norm(grad)), "success": bool(result.success), "message": str(result.message)}, f)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
