# Writes MATLAB v5 MAT-files with scipy.io.savemat (compressed and not) and a JSON of what each variable holds,
# for test/unit/mat-v5.test.ts. Usage: python3 mat-v5-scipy.py OUT_DIR
import json, sys
import numpy as np
import scipy.io as sio

out = sys.argv[1]
rng = np.random.default_rng(7)
ecg = (rng.integers(-2000, 2000, size=(12, 5000)) * 0.001).astype(np.float64)
variables = {
    "ECG": {"sex": "Male", "age": np.array([[45.0]]), "data": ecg},  # the CPSC 2018 layout: a struct with fields
    "val": rng.integers(-32768, 32767, size=(12, 1000)).astype(np.int16),
    "single": np.array([[1.5, -2.25], [3.0, 1e-3]], dtype=np.float32),
    "bytes": np.array([[0, 7, 255]], dtype=np.uint8),
    "flags": np.array([[True, False, True]]),
    "wide": np.array([[2**40 + 3, -5]], dtype=np.int64),
    "z": np.array([[1 + 2j, -3.5 - 0.5j]]),
    "name": "Shaoxing 2020",
    "lines": np.array(["abc", "xyz"]),
    "empty": np.zeros((0, 0)),
}
# A 1x2 struct array (a record array) and a 1x2 cell array of a matrix and a string.
people = np.zeros((1, 2), dtype=[("id", "O"), ("dx", "O")])
people[0, 0] = (np.array([[1.0]]), "AF")
people[0, 1] = (np.array([[2.0]]), "SB")
variables["people"] = people
mixed = np.empty((1, 2), dtype=object)
mixed[0, 0] = np.array([[1.0, 2.0]])
mixed[0, 1] = "text"
variables["mixed"] = mixed

for compress in (False, True):
    sio.savemat(f"{out}/vars-{'z' if compress else 'plain'}.mat", variables, do_compression=compress, format="5")

col = lambda a: [float(x) for x in np.asarray(a).flatten(order="F")]
expected = {
    "ECG.data": {"dims": list(ecg.shape), "sum": float(ecg.sum()), "first": col(ecg)[:5], "last": col(ecg)[-3:]},
    "ECG.age": 45.0,
    "ECG.sex": "Male",
    "val": {"dims": [12, 1000], "values": col(variables["val"])},
    "single": {"dims": [2, 2], "values": col(variables["single"])},
    "bytes": col(variables["bytes"]),
    "flags": col(variables["flags"].astype(float)),
    "wide": col(variables["wide"]),
    "z": {"real": col(np.real(variables["z"])), "imag": col(np.imag(variables["z"]))},
    "name": "Shaoxing 2020",
    "lines": ["abc", "xyz"],
}
# What scipy itself reads back (the independent reader's view of the same file).
back = sio.loadmat(f"{out}/vars-z.mat")
expected["scipy_ecg_sum"] = float(back["ECG"]["data"][0, 0].sum())
json.dump(expected, open(f"{out}/expected.json", "w"))
print("ok")
