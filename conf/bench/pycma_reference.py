"""pycma's side of `bpl bench dfo` (the pycma table): the same problems, starts and seeds as
CmaEsBenchmark, run to f < 1e-8; prints, per problem, the median evaluations of the successful runs
and the number of successes. The Java constants in CmaEsBenchmark.Problem come from this script.

    python3 conf/bench/pycma_reference.py 10     # seeds 0..9
"""
import sys

import cma
import numpy as np

SEEDS = int(sys.argv[1]) if len(sys.argv) > 1 else 10
TARGET = 1e-8


def sphere(x):
    return float(np.sum(np.asarray(x) ** 2))


def rosenbrock(x):
    x = np.asarray(x)
    return float(np.sum(100 * (x[:-1] ** 2 - x[1:]) ** 2 + (x[:-1] - 1) ** 2))


PROBLEMS = [("SPHERE_10", 10, sphere), ("SPHERE_20", 20, sphere),
            ("ROSENBROCK_10", 10, rosenbrock), ("ROSENBROCK_20", 20, rosenbrock)]

print("pycma %s, numpy %s, %d seeds, options ftarget=1e-8 maxfevals=200000 seed=s+1, defaults otherwise"
      % (cma.__version__, np.__version__, SEEDS))
for name, n, f in PROBLEMS:
    evals, ok = [], 0
    for s in range(SEEDS):
        rng = np.random.default_rng(s)
        if f is sphere:
            x0, sigma0 = rng.uniform(-5, 5, n), 2.0
        else:
            x0, sigma0 = np.zeros(n), 0.5
        es = cma.CMAEvolutionStrategy(x0, sigma0, {"ftarget": TARGET, "maxfevals": 200000,
                                                    "seed": s + 1, "verbose": -9})
        es.optimize(f)
        if es.result.fbest <= TARGET:
            ok += 1
            evals.append(es.result.evaluations)
    median = float(np.median(evals)) if evals else float("nan")
    print("%s %.1f %d/%d" % (name, median, ok, SEEDS))
