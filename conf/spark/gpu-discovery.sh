#!/usr/bin/env bash
# Spark GPU discovery script (spark.executor.resource.gpu.discoveryScript and
# spark.worker.resource.gpu.discoveryScript): prints the GPUs of this node as Spark's resource JSON,
# {"name": "gpu", "addresses": ["0", "1"]}, with device indices as addresses (bpl binds ND4J to the
# index; see jobs/src/main/java/dev/backproplab/jobs/sweep/GpuBinding.java).
set -euo pipefail
indices=$(nvidia-smi --query-gpu=index --format=csv,noheader)
addresses=$(echo "$indices" | awk 'NF { printf "%s\"%s\"", (n++ ? ", " : ""), $1 }')
echo "{\"name\": \"gpu\", \"addresses\": [$addresses]}"
