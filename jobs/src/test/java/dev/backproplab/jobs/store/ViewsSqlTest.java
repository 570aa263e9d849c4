package dev.backproplab.jobs.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The views a query needs, for an engine that makes views as queries first use them. */
class ViewsSqlTest {
  private static List<String> names(String sql) {
    return ViewsSql.usedBy(sql).stream().map(ViewsSql.View::name).toList();
  }

  @Test
  void aQueryNeedsTheViewsItNamesAndTheirsInTheFilesOrder() {
    assertEquals(List.of("trial_attempts", "trials", "configurations", "best_configuration"),
        names("SELECT * FROM best_configuration ORDER BY dataset, method"));
    assertEquals(List.of("trial_attempts", "trials", "curves"), names("select count(*) from CURVES"));
    assertEquals(List.of("trial_attempts"), names("SELECT * FROM trial_attempts WHERE attempt > 1"));
    assertEquals(List.of(), names("SELECT 1 AS best_configurations_x"), "a word that contains a name is not it");
  }
}
