package dev.backproplab.jobs.store;

import java.io.Serializable;

/**
 * What produced a result row, besides the trial's own spec: the build (version, git commit, dirty
 * flag) and the machine it ran on (BLAS threads, which change the numbers at about 1e-6 relative;
 * ND4J backend; Java version; host).
 *
 * @param codeVersion the project version
 * @param gitCommit the build's git commit, or null when unknown
 * @param gitDirty whether the build had uncommitted changes, or null when unknown
 * @param blasThreads BLAS threads the trial ran with
 * @param nd4jBackend ND4J's backend, e.g. {@code CpuBackend}
 * @param javaVersion the JVM's {@code java.version}
 * @param host the host name of the machine that ran the trial
 */
public record Provenance(String codeVersion, String gitCommit, Boolean gitDirty, int blasThreads,
    String nd4jBackend, String javaVersion, String host) implements Serializable {}
