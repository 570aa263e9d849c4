package dev.backproplab.core.trial;

/** How a trial ended. */
public enum TrialStatus {
  /** Ran to its budget. */
  COMPLETED,
  /** The loss became NaN or infinite. */
  DIVERGED,
  /** An exception ended it; the row's error column says which. */
  FAILED,
  /** It ran over its time limit. */
  TIMED_OUT,
  /** An early-stopping rule of the sweep ended it. */
  STOPPED
}
