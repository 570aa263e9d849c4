package dev.backproplab.jobs.report;

import dev.backproplab.jobs.query.QueryEngine;
import java.util.List;
import java.util.Map;

/**
 * A results report: one self-contained HTML page of the figures and tables that answer "which rule
 * trains this network, how far, how fast, at what cost", and how each sweep's runs moved over time,
 * read through the views on any engine.
 */
public final class Report {
  private Report() {}

  /**
   * The page for the results {@code engine} reads.
   *
   * @param title the page's title
   * @param subtitle what it was made from
   * @param runs the runs recorded with the sweeps (see {@link dev.backproplab.jobs.store.SweepRecord#runs})
   * @param verdicts per sweep name, the verdict of each compared run (see {@link
   *     dev.backproplab.jobs.store.Verdicts#all})
   */
  public static String html(QueryEngine engine, String title, String subtitle, List<Map<String, Object>> runs,
      Map<String, Map<String, String>> verdicts) {
    return ReportPage.html(title, subtitle, new ReportData(engine), new RunHistory(engine, verdicts), runs);
  }
}
