"""A nightly backprop-lab sweep on Airflow (apache-airflow-providers-apache-spark).

The sweep id in the YAML file is stable, so a retried task resumes the sweep: trials already
COMPLETED, DIVERGED or STOPPED are skipped, FAILED and TIMED_OUT ones run again as a new attempt.
Exit code 2 means bad input (the sweep file, the data set, the results folder, or the same sweep
already running): retrying does not help, so it is not retried.
"""
from datetime import datetime, timedelta

from airflow import DAG
from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator

with DAG(
    dag_id="bpl_nightly_mnist_bp",
    schedule="30 2 * * *",
    start_date=datetime(2026, 11, 1),
    catchup=False,
    default_args={"retries": 2, "retry_delay": timedelta(minutes=10)},
) as dag:
    SparkSubmitOperator(
        task_id="sweep",
        conn_id="spark_default",
        application="/opt/backprop-lab/jobs/target/jobs-0.1.0-SNAPSHOT-spark.jar",
        application_args=["sweep", "hdfs:///sweeps/mnist-bp.yaml", "--out", "hdfs:///results"],
        properties_file="/opt/backprop-lab/conf/spark/spark-defaults.cluster.conf",
        name="bpl-nightly-mnist-bp",
    )
