package dev.backproplab.core.trial.ddg;

import dev.backproplab.core.trial.Diagnostics;
import java.util.Arrays;

/**
 * The losses and per-module figures of a {@code ddg} trial since its last curve point, from the
 * stages' {@link Stage.Report}s, kept by module 0's thread. Not thread-safe.
 */
final class Account {
  private final long[] done;
  private final double[] stalenessSum;
  private final long[] updates;
  private final double[] lastNorm;
  private double lossSum;
  private long lossSamples;

  Account(int modules) {
    done = new long[modules];
    stalenessSum = new double[modules];
    updates = new long[modules];
    lastNorm = new double[modules];
    Arrays.fill(lastNorm, Double.NaN);
  }

  void add(Stage.Report r) {
    done[r.module()] = r.seq() + 1;
    if (!Double.isNaN(r.loss())) {
      lossSum += r.loss() * r.size();
      lossSamples += r.size();
    }
    if (r.staleness() >= 0) {
      stalenessSum[r.module()] += r.staleness();
      updates[r.module()]++;
    }
    if (!Double.isNaN(r.gradientNorm())) {
      lastNorm[r.module()] = r.gradientNorm();
    }
  }

  boolean allDone(long fed) {
    for (long d : done) {
      if (d < fed) {
        return false;
      }
    }
    return true;
  }

  Double trainLoss() {
    Double loss = lossSamples == 0 ? null : lossSum / lossSamples;
    lossSum = 0;
    lossSamples = 0;
    return loss;
  }

  Diagnostics diagnostics() {
    int k = done.length;
    double[] staleness = new double[k];
    for (int m = 0; m < k; m++) {
      staleness[m] = updates[m] == 0 ? Double.NaN : stalenessSum[m] / updates[m];
      stalenessSum[m] = 0;
      updates[m] = 0;
    }
    return Diagnostics.ofModules(staleness, lastNorm.clone());
  }
}
