/**
 * GPU Machines on Fly.io. Source: Fly.io docs, superfly/docs commit 84fd3d00 (GPUs unavailable after
 * 1 August 2026; the GPU docs and prices removed), as cited in flylint issue 12; recorded 2026-12-02.
 * flyctl ad0172fa and fly-go v0.9.6 still accept the GPU presets and gpu_kind, so only the deploy fails.
 */
export const gpuMachines = {
  /** GPU Machines are unavailable after this day (ISO date), as the docs put it. */
  unavailableAfter: "2026-08-01",
  /** How messages name the date. */
  unavailableAfterText: "1 August 2026",
  source: "Fly.io docs (superfly/docs commit 84fd3d00)",
} as const;
