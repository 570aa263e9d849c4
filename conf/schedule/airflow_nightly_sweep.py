"""A nightly backprop-lab sweep and its regression check on Airflow (2.x).

Each night is a run of its own: ``--run-id nightly-{{ ds }}`` names it by the DAG run's logical date
(sweep id ``mnist-bp.nightly-2026-11-30``), so earlier nights stay as they are, and a retry or a
cleared task of the same night resumes that night's run (trials already COMPLETED, DIVERGED or
STOPPED are skipped; FAILED and TIMED_OUT ones run again as a new attempt).

``bpl compare`` then judges that run against the last run that compared clean (``last-good``; the
first night is clean, having nothing to compare with) and keeps its verdict in
``<results>/verdicts/mnist-bp/``. What each exit code does to the task:

* 0: success.
* 1: a failure while running (a lost driver, a storage error): the task fails and is retried.
* 2: bad input (the sweep file, the data set, the results folder, the same run already going; for
  compare, no runs or no earlier run that compared clean): a retry would give the same answer, so
  the task fails *without* retrying (``AirflowFailException``).
* 3: compare found a regression: the task fails without retrying, and the log holds the table of
  what got worse, slower or less stable.

Airflow retries a failed task whatever the exit code, so the codes are read here rather than left to
an operator (``SparkSubmitOperator`` and ``BashOperator`` would retry exit 2 and 3 as well).
spark-submit runs in client deploy mode (the default), the mode in which it exits with bpl's code.
"""
import subprocess
from datetime import datetime, timedelta

from airflow.decorators import dag, task
from airflow.exceptions import AirflowException, AirflowFailException

SUBMIT = [
    "spark-submit",
    "--master", "spark://spark-master:7077",
    "--properties-file", "/opt/backprop-lab/conf/spark/spark-defaults.cluster.conf",
    "/opt/backprop-lab/jobs/target/jobs-0.1.0-SNAPSHOT-spark.jar",
]
NOT_RETRIED = {2: "bad input", 3: "regression"}


def bpl(*args):
    """Runs one bpl command through spark-submit; fails the task, retried only on exit code 1."""
    code = subprocess.run(SUBMIT + list(args), check=False).returncode
    if code in NOT_RETRIED:
        raise AirflowFailException(f"bpl {args[0]}: exit {code} ({NOT_RETRIED[code]}), not retried")
    if code != 0:
        raise AirflowException(f"bpl {args[0]}: exit {code} (failure while running), retried")


@dag(
    dag_id="bpl_nightly_mnist_bp",
    schedule="30 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
)
def nightly():
    @task
    def sweep(ds=None):
        bpl("sweep", "hdfs:///sweeps/mnist-bp.yaml", "--out", "hdfs:///results", "--run-id", f"nightly-{ds}")

    @task
    def compare(ds=None):
        bpl("compare", "--results", "hdfs:///results", "--sweep", "mnist-bp", "--run", f"nightly-{ds}")

    sweep() >> compare()


nightly()
