-- The views over a backprop-lab results folder, in the SQL that DuckDB and Spark SQL both accept.
-- bpl query and bpl report run this file on either engine; it can be loaded by hand too (README).
--
-- It expects two relations over the Parquet files, read with Hive partitioning (sweep_id, method
-- from the folder names, as strings) and with the schemas of all files merged by column name:
--   bpl_trial_files   every file of <results>/trials   (one row per trial attempt)
--   bpl_curve_files   every file of <results>/curves   (one row per measured point)
--   bpl_sweep_revisions  (sweep_id, trial_id) of each sweep's current revision, from its record
-- Columns added to the tables after a folder was written (validation metrics, provenance) are
-- NULL there; the loaders add any that no file has, so every view below works on every folder.
--
-- A view preceded by a line "-- answer: ..." is a ready-made answer: bpl query --report NAME.
-- Statements end with ';' at the end of a line.
--
-- A sweep run under a run id (bpl sweep --run-id) has the sweep id <name>.<run id>: sweep_name and
-- run_id split it (run_id is NULL for a sweep run without one), so the runs of one file line up.

-- latest: whether the row is its trial's latest attempt (one window, so the files are read once)
CREATE OR REPLACE TEMPORARY VIEW trial_attempts AS
SELECT f.*, CAST(to_json(f.params) AS STRING) AS configuration,
       f.attempt = max(f.attempt) OVER (PARTITION BY f.sweep_id, f.trial_id) AS latest,
       CASE WHEN instr(f.sweep_id, '.') > 0 THEN substr(f.sweep_id, 1, instr(f.sweep_id, '.') - 1)
            ELSE f.sweep_id END AS sweep_name,
       CASE WHEN instr(f.sweep_id, '.') > 0 THEN substr(f.sweep_id, instr(f.sweep_id, '.') + 1) END AS run_id
FROM bpl_trial_files f;

CREATE OR REPLACE TEMPORARY VIEW trials AS
SELECT * FROM trial_attempts WHERE latest;

CREATE OR REPLACE TEMPORARY VIEW current_trials AS
SELECT t.*
FROM trials t
WHERE NOT EXISTS (SELECT 1 FROM bpl_sweep_revisions r WHERE r.sweep_id = t.sweep_id)
   OR EXISTS (SELECT 1 FROM bpl_sweep_revisions r WHERE r.sweep_id = t.sweep_id AND r.trial_id = t.trial_id);

CREATE OR REPLACE TEMPORARY VIEW curves AS
SELECT c.*, t.dataset, t.model, t.budget, t.seed, t.params, t.configuration, t.sweep_name, t.run_id
FROM bpl_curve_files c
JOIN trials t ON c.sweep_id = t.sweep_id AND c.trial_id = t.trial_id AND c.attempt = t.attempt;

-- answer: every configuration (method, model, budget, parameters) with its repeats, how many completed, mean and sd of the final test (and validation) accuracy, the best, samples and seconds
CREATE OR REPLACE TEMPORARY VIEW configurations AS
SELECT dataset, method, model, budget, configuration,
       count(*) AS repeats,
       count(CASE WHEN status = 'COMPLETED' THEN 1 END) AS completed,
       avg(final_test_accuracy) AS mean_test_accuracy,
       stddev_samp(final_test_accuracy) AS sd_test_accuracy,
       max(best_test_accuracy) AS best_test_accuracy,
       avg(final_val_accuracy) AS mean_val_accuracy,
       stddev_samp(final_val_accuracy) AS sd_val_accuracy,
       avg(final_test_loss) AS mean_test_loss,
       avg(samples_seen) AS mean_samples_seen,
       avg(wall_seconds) AS mean_seconds
FROM trials
GROUP BY dataset, method, model, budget, configuration;

-- answer: the best configuration of each method on each data set: by mean validation accuracy when any trial of the method there measured it (selected_by = validation), else by mean test accuracy
CREATE OR REPLACE TEMPORARY VIEW best_configuration AS
SELECT dataset, method, model, budget, configuration, repeats, completed, mean_test_accuracy,
       sd_test_accuracy, best_test_accuracy, mean_val_accuracy, sd_val_accuracy, mean_test_loss,
       mean_samples_seen, mean_seconds,
       CASE WHEN has_validation = 1 THEN mean_val_accuracy ELSE mean_test_accuracy END AS selection_score,
       CASE WHEN has_validation = 1 THEN 'validation' ELSE 'test' END AS selected_by
FROM (SELECT v.*,
             row_number() OVER (PARTITION BY dataset, method
                                ORDER BY CASE WHEN has_validation = 1 THEN mean_val_accuracy ELSE mean_test_accuracy END
                                           DESC NULLS LAST,
                                         mean_test_accuracy DESC NULLS LAST, model, budget, configuration) AS config_rank
      FROM (SELECT c.*,
                   max(CASE WHEN mean_val_accuracy IS NOT NULL THEN 1 ELSE 0 END)
                     OVER (PARTITION BY dataset, method) AS has_validation
            FROM configurations c) v) r
WHERE config_rank = 1;

-- the test accuracies that time_to_target reports on
CREATE OR REPLACE TEMPORARY VIEW accuracy_targets AS
SELECT CAST(target AS DOUBLE) AS target FROM (VALUES (0.5), (0.8), (0.9), (0.95), (0.99)) AS t(target);

-- answer: per configuration and target test accuracy, how many trials reached it, and the samples_seen and wall seconds they needed (mean and least)
CREATE OR REPLACE TEMPORARY VIEW time_to_target AS
SELECT dataset, method, configuration, target,
       count(*) AS trials,
       count(samples_to_target) AS reached,
       avg(samples_to_target) AS mean_samples,
       min(samples_to_target) AS min_samples,
       avg(seconds_to_target) AS mean_seconds,
       min(seconds_to_target) AS min_seconds
FROM (SELECT c.dataset, c.method, c.configuration, c.sweep_id, c.trial_id, g.target,
             min(CASE WHEN c.test_accuracy >= g.target THEN c.samples_seen END) AS samples_to_target,
             min(CASE WHEN c.test_accuracy >= g.target THEN c.wall_seconds END) AS seconds_to_target
      FROM curves c CROSS JOIN accuracy_targets g
      GROUP BY c.dataset, c.method, c.configuration, c.sweep_id, c.trial_id, g.target) per_trial
GROUP BY dataset, method, configuration, target;

-- answer: per configuration, the area under the test-accuracy curve over samples_seen divided by the samples it spans (the mean accuracy along training: higher means better sooner)
CREATE OR REPLACE TEMPORARY VIEW accuracy_auc AS
SELECT dataset, method, configuration,
       count(*) AS trials,
       avg(auc) AS mean_auc,
       stddev_samp(auc) AS sd_auc,
       avg(samples) AS mean_samples
FROM (SELECT dataset, method, configuration, sweep_id, trial_id,
             sum((samples_seen - previous_samples) * (test_accuracy + previous_accuracy) / 2.0)
               / nullif(max(samples_seen) - min(samples_seen), 0) AS auc,
             max(samples_seen) - min(samples_seen) AS samples
      FROM (SELECT dataset, method, configuration, sweep_id, trial_id, samples_seen, test_accuracy,
                   lag(samples_seen) OVER (PARTITION BY sweep_id, trial_id ORDER BY samples_seen, step) AS previous_samples,
                   lag(test_accuracy) OVER (PARTITION BY sweep_id, trial_id ORDER BY samples_seen, step) AS previous_accuracy
            FROM curves WHERE test_accuracy IS NOT NULL) steps
      GROUP BY dataset, method, configuration, sweep_id, trial_id) per_trial
GROUP BY dataset, method, configuration;

-- answer: the last measured alignment angles (degrees, per hidden layer: the rule's error signal against backprop's) and feedback angles (forward weights against feedback) of every trial that recorded them
CREATE OR REPLACE TEMPORARY VIEW final_alignment AS
SELECT dataset, method, configuration, sweep_id, trial_id, seed, epoch, samples_seen,
       alignment_angles, feedback_angles
FROM (SELECT c.*,
             row_number() OVER (PARTITION BY sweep_id, trial_id ORDER BY samples_seen DESC, step DESC) AS point_rank
      FROM curves c
      WHERE alignment_angles IS NOT NULL OR feedback_angles IS NOT NULL) p
WHERE point_rank = 1;

-- answer: the cost frontier over samples_seen: for each method on each data set, the best test accuracy any of its trials reached within that many samples (the points where it improves)
CREATE OR REPLACE TEMPORARY VIEW frontier_samples AS
SELECT dataset, method, samples_seen, best_accuracy
FROM (SELECT dataset, method, samples_seen, best_accuracy,
             lag(best_accuracy) OVER (PARTITION BY dataset, method ORDER BY samples_seen) AS previous
      FROM (SELECT dataset, method, samples_seen,
                   max(accuracy) OVER (PARTITION BY dataset, method ORDER BY samples_seen
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS best_accuracy
            FROM (SELECT dataset, method, samples_seen, max(test_accuracy) AS accuracy
                  FROM curves WHERE test_accuracy IS NOT NULL
                  GROUP BY dataset, method, samples_seen) points) running) steps
WHERE previous IS NULL OR best_accuracy > previous;

-- answer: the cost frontier over wall seconds: for each method on each data set, the best test accuracy any of its trials reached within that many seconds of training
CREATE OR REPLACE TEMPORARY VIEW frontier_seconds AS
SELECT dataset, method, wall_seconds, best_accuracy
FROM (SELECT dataset, method, wall_seconds, best_accuracy,
             lag(best_accuracy) OVER (PARTITION BY dataset, method ORDER BY wall_seconds) AS previous
      FROM (SELECT dataset, method, wall_seconds,
                   max(accuracy) OVER (PARTITION BY dataset, method ORDER BY wall_seconds
                                       ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS best_accuracy
            FROM (SELECT dataset, method, wall_seconds, max(test_accuracy) AS accuracy
                  FROM curves WHERE test_accuracy IS NOT NULL
                  GROUP BY dataset, method, wall_seconds) points) running) steps
WHERE previous IS NULL OR best_accuracy > previous;

-- the curve points of the trials in each method's best configuration, numbered along each trial; diverged
-- trials are left out (their losses are not numbers, their accuracy chance: a band over them says nothing)
CREATE OR REPLACE TEMPORARY VIEW best_curves AS
SELECT c.*, row_number() OVER (PARTITION BY c.sweep_id, c.trial_id ORDER BY c.samples_seen, c.step) AS point
FROM curves c
JOIN best_configuration b
  ON c.dataset = b.dataset AND c.method = b.method AND c.model = b.model AND c.budget = b.budget
 AND c.configuration = b.configuration
JOIN trials t ON t.sweep_id = c.sweep_id AND t.trial_id = c.trial_id AND t.status <> 'DIVERGED';

-- answer: each method's best configuration along training, point by point over its repeats that did not diverge: mean, least and greatest of the accuracies and losses, the derivative-free methods' sigma and fitness, staleness
CREATE OR REPLACE TEMPORARY VIEW best_curve_bands AS
SELECT dataset, method, point,
       count(*) AS repeats,
       avg(samples_seen) AS samples_seen,
       avg(wall_seconds) AS wall_seconds,
       avg(test_accuracy) AS test_accuracy, min(test_accuracy) AS test_accuracy_min, max(test_accuracy) AS test_accuracy_max,
       avg(test_loss) AS test_loss, min(test_loss) AS test_loss_min, max(test_loss) AS test_loss_max,
       avg(train_loss) AS train_loss, min(train_loss) AS train_loss_min, max(train_loss) AS train_loss_max,
       avg(val_accuracy) AS val_accuracy, min(val_accuracy) AS val_accuracy_min, max(val_accuracy) AS val_accuracy_max,
       avg(val_loss) AS val_loss, min(val_loss) AS val_loss_min, max(val_loss) AS val_loss_max,
       avg(sigma) AS sigma, avg(best_fitness) AS best_fitness, avg(fitness_spread) AS fitness_spread,
       avg(staleness) AS staleness
FROM best_curves
GROUP BY dataset, method, point;

-- answer: how many trials of each method ended with each status
CREATE OR REPLACE TEMPORARY VIEW trial_statuses AS
SELECT dataset, method, status, count(*) AS trials
FROM trials
GROUP BY dataset, method, status;

-- answer: what produced the results: per sweep and data set, the code version and commit, the data set's checksum, the machines and runtimes, the time span
CREATE OR REPLACE TEMPORARY VIEW provenance AS
SELECT sweep_id, dataset, dataset_sha256, code_version, git_commit, git_dirty, nd4j_backend, java_version,
       blas_threads,
       count(*) AS trials,
       count(DISTINCT coalesce(host, executor)) AS machines,
       min(coalesce(host, executor)) AS first_machine,
       max(coalesce(host, executor)) AS last_machine,
       min(started_at) AS started_at,
       max(finished_at) AS finished_at
FROM trials
GROUP BY sweep_id, dataset, dataset_sha256, code_version, git_commit, git_dirty, nd4j_backend, java_version,
         blas_threads;

-- answer: each hyperparameter search (a method block's tune:): its trials and generations, how many failed, the best validation accuracy and loss any of its trials reached, and the trials' total seconds
CREATE OR REPLACE TEMPORARY VIEW searches AS
SELECT sweep_id, dataset, method, search_id,
       count(*) AS trials,
       max(generation) + 1 AS generations,
       count(CASE WHEN status IN ('FAILED', 'DIVERGED', 'TIMED_OUT') THEN 1 END) AS failed,
       max(final_val_accuracy) AS best_val_accuracy,
       min(final_val_loss) AS best_val_loss,
       sum(wall_seconds) AS trial_seconds
FROM current_trials
WHERE search_id IS NOT NULL
GROUP BY sweep_id, dataset, method, search_id;

-- answer: each search generation by generation: its trials, the best final validation accuracy of the generation and the best so far
CREATE OR REPLACE TEMPORARY VIEW search_progress AS
SELECT sweep_id, method, search_id, generation, trials, generation_best_val_accuracy,
       max(generation_best_val_accuracy) OVER (PARTITION BY sweep_id, method, search_id ORDER BY generation
           ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS best_val_accuracy_so_far
FROM (SELECT sweep_id, method, search_id, generation, count(*) AS trials,
             max(final_val_accuracy) AS generation_best_val_accuracy
      FROM current_trials
      WHERE search_id IS NOT NULL
      GROUP BY sweep_id, method, search_id, generation) g;

-- answer: the runs of each sweep (bpl sweep --run-id), oldest first: when each started and ended, the commit it ran, its trials by status, the data set's checksum
CREATE OR REPLACE TEMPORARY VIEW sweep_runs AS
SELECT sweep_name, run_id, sweep_id,
       min(started_at) AS started_at, max(finished_at) AS finished_at,
       min(git_commit) AS git_commit, count(DISTINCT git_commit) AS commits, max(git_dirty) AS git_dirty,
       count(*) AS trials,
       count(CASE WHEN status = 'COMPLETED' THEN 1 END) AS completed,
       count(CASE WHEN status IN ('FAILED', 'TIMED_OUT') THEN 1 END) AS failed,
       count(CASE WHEN status = 'DIVERGED' THEN 1 END) AS diverged,
       min(dataset_sha256) AS dataset_sha256
FROM current_trials
GROUP BY sweep_name, run_id, sweep_id;

-- answer: each method in each run of a sweep: its best configuration by mean validation accuracy (test where no validation was measured), that configuration's mean validation and test accuracy, the method's mean seconds per epoch, the run's start and commit
CREATE OR REPLACE TEMPORARY VIEW method_runs AS
SELECT r.sweep_name, r.run_id, r.sweep_id, r.method, r.configuration, r.best_accuracy, r.mean_val_accuracy,
       r.mean_test_accuracy, s.seconds_per_epoch, u.started_at, u.git_commit
FROM (SELECT sweep_name, run_id, sweep_id, method, configuration, mean_val_accuracy, mean_test_accuracy,
             coalesce(mean_val_accuracy, mean_test_accuracy) AS best_accuracy,
             row_number() OVER (PARTITION BY sweep_id, method
                                ORDER BY coalesce(mean_val_accuracy, mean_test_accuracy) DESC NULLS LAST,
                                         configuration) AS config_rank
      FROM (SELECT sweep_name, run_id, sweep_id, method, configuration,
                   avg(final_val_accuracy) AS mean_val_accuracy, avg(final_test_accuracy) AS mean_test_accuracy
            FROM current_trials
            GROUP BY sweep_name, run_id, sweep_id, method, configuration) c) r
JOIN (SELECT sweep_id, method, avg(wall_seconds / epochs) AS seconds_per_epoch
      FROM current_trials WHERE epochs > 0
      GROUP BY sweep_id, method) s ON r.sweep_id = s.sweep_id AND r.method = s.method
JOIN sweep_runs u ON r.sweep_id = u.sweep_id
WHERE r.config_rank = 1;
