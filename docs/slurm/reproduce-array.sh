#!/usr/bin/env bash
# Runs the full experiment suite as a SLURM job array: every array task runs one shard of the
# job list into its own folder; a final dependent job merges the shards and writes the report.
#
#   sbatch --array=1-32 docs/slurm/reproduce-array.sh
#   sbatch --dependency=afterok:<array job id> --wrap \
#     'cargo xtask merge --full --out results results-shards/*'
#
#SBATCH --job-name=rsnn-reproduce
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=12:00:00
#SBATCH --output=logs/rsnn-%A_%a.out
set -euo pipefail
shards=${SLURM_ARRAY_TASK_COUNT:?run as an array job}
index=${SLURM_ARRAY_TASK_ID:?run as an array job}
# Build once per node (cargo's lock serializes concurrent builds in the same checkout).
cargo build --release -p xtask
cargo xtask reproduce --full --jobs 1 --shard "$index/$shards" --out "results-shards/$index"
