#!/usr/bin/env bash
# The continual-learning study of docs/seed000.md, section 4: scenarios/drift.yaml with each upload policy (3
# replications), each policy's own knob varied for the accuracy-vs-bytes trade-off, and the meta factor after the task
# change. Then draw the charts: jshell --class-path offload-cli/target/offload.jar docs/seed000/drift-chart.jsh
# Run from the repository root; OFFLOAD (default ./offload) and OUT (default results/seed000-drift) may be set.
set -euo pipefail
OFFLOAD=${OFFLOAD:-./offload}
OUT=${OUT:-results/seed000-drift}
key=applications.CAMERA.drift
sweep() { # out, args...
  local out=$1; shift
  $OFFLOAD sweep scenarios/drift.yaml --devices 100 --replications 3 --quiet --force --out "$OUT/$out" "$@" >/dev/null
  echo "$OUT/$out"
}
for p in none periodic selective budgeted; do
  sweep "policy-$p" --set "$key.upload.policy=$p"
done
sweep tradeoff-periodic --set "$key.upload.policy=periodic" --vary "$key.upload.period_s=30,60,120,240,480"
sweep tradeoff-selective --set "$key.upload.policy=selective" --vary "$key.upload.threshold=0.2,0.4,0.6,0.8,0.9"
sweep tradeoff-budgeted --set "$key.upload.policy=budgeted" --vary "$key.upload.budget_kb=120,300,600,1200"
sweep meta --set "$key.upload.policy=periodic" --vary "$key.task_change.meta_factor=1,2,4,8"
