package dev.backproplab.core.dfo;

/**
 * The one generation loop of every search the project runs, whether a generation's candidates are
 * network weights scored on a minibatch (a derivative-free trial, {@code bpl search}) or
 * hyperparameter configurations each trained as a trial of its own (a {@code tune:} block): ask a
 * generation, have the body evaluate it, tell the losses, until the body or the optimizer says stop.
 */
public final class GenerationLoop {
  private GenerationLoop() {}

  /** What a search does with each generation. */
  public interface Body {
    /** Whether another generation may start (the trial's budget, a search's trial count). */
    boolean more();

    /**
     * The losses of {@code generation}'s candidates, in order (NaN for a failed one: the worst), or null
     * to end the search without telling them (a last generation only partly evaluated).
     */
    double[] losses(Generation generation);

    /** Sees each generation after its losses were told; nothing by default. */
    default void told(Generation generation, double[] losses) {}
  }

  /** Runs generations of {@code search} through {@code body} until either says stop. */
  public static void run(AskTellOptimizer search, Body body) {
    while (body.more() && search.stop().isEmpty()) {
      Generation g = search.askGeneration();
      double[] losses = body.losses(g);
      if (losses == null) {
        return;
      }
      search.tellGeneration(g, losses);
      body.told(g, losses);
    }
  }
}
