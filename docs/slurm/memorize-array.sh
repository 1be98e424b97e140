#!/usr/bin/env bash
# Memorizes one network as a SLURM job array: array task i of N memorizes the i-th of N
# contiguous blocks of the network's L neurons (`rsnn memorize --neurons`) into its own part;
# a final dependent job merges the parts into the memorized network (`rsnn merge`), the same
# file, weight for weight, as one `rsnn memorize` run on one machine.
#
#   cargo build --release -p rsnn-cli        # once, before submitting
#   jobid=$(sbatch --parsable --array=1-16 docs/slurm/memorize-array.sh net.json score.json)
#   sbatch --dependency=afterok:$jobid docs/slurm/memorize-array.sh --merge net.json
#
# Both steps take the same environment: RSNN (the binary, default target/release/rsnn),
# PARTS (the folder of the parts, default memorize-parts), OUT (the merged network, default
# memorized.json), REPORT (its report, default memorize-report.json), and MEMORIZE_OPTIONS
# (memorization options for every task, e.g. "--weight-bound 0.5"; they must be the same in
# every task, which the merge checks). Merging with --allow-infeasible needs it in
# MEMORIZE_OPTIONS too, and then in MERGE_OPTIONS.
#
#SBATCH --job-name=rsnn-memorize
#SBATCH --cpus-per-task=4
#SBATCH --mem=8G
#SBATCH --time=4:00:00
#SBATCH --output=logs/rsnn-memorize-%A_%a.out
set -euo pipefail
rsnn=${RSNN:-target/release/rsnn}
parts=${PARTS:-memorize-parts}

if [[ ${1:-} == --merge ]]; then
    network=${2:?usage: memorize-array.sh --merge NETWORK}
    # shellcheck disable=SC2086 # MERGE_OPTIONS holds several words
    "$rsnn" merge "$network" "$parts"/part-*.json ${MERGE_OPTIONS:-} \
        --out "${OUT:-memorized.json}" --report "${REPORT:-memorize-report.json}"
    exit
fi

network=${1:?usage: memorize-array.sh NETWORK SCORE...}
tasks=${SLURM_ARRAY_TASK_COUNT:?run as an array job}
index=${SLURM_ARRAY_TASK_ID:?run as an array job}
first_task=${SLURM_ARRAY_TASK_MIN:-1}
# The number of neurons L, read from the network file.
neurons=$("$rsnn" --quiet --json info "$network" | sed -n 's/^ *"neurons": *\([0-9]*\).*/\1/p' | head -n 1)
: "${neurons:?cannot read the number of neurons of $network}"
# Block k (0-based) of N holds neurons [k L / N, (k + 1) L / N): sizes differ by at most one.
k=$((index - first_task))
first=$((k * neurons / tasks))
last=$(((k + 1) * neurons / tasks - 1))
if ((last < first)); then
    echo "task $index: no neuron (more tasks than the $neurons neurons)"
    exit 0
fi
mkdir -p "$parts"
# shellcheck disable=SC2086 # MEMORIZE_OPTIONS holds several words
"$rsnn" memorize "$network" "${@:2}" ${MEMORIZE_OPTIONS:-} \
    --neurons "$first-$last" --out "$(printf '%s/part-%05d.json' "$parts" "$k")"
