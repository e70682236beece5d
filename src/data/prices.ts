/**
 * Fly.io prices flylint uses to estimate a monthly bill, in US dollars per 30 days, region iad.
 * Sources, read 2026-12-02:
 * - https://fly.io/docs/about/pricing/ (Machines, stopped Machines, volumes);
 * - https://fly.io/blog/new-vms-more-ram-extra-cpu-and-a-dollar-menu/ (the per-size table:
 *   shared-cpu-1x 256 MB $1.94, 1 GB $5.70, 2 GB $10.70; dedicated/performance-1x 2 GB $31.00,
 *   -2x 4 GB $62.00, -4x 8 GB $124.00, -8x 16 GB $248.00);
 * - https://community.fly.io/t/we-are-going-to-start-collecting-charges-for-stopped-machines-rootfs-starting-april-25th/17825
 *   ($0.15 per GB of rootfs of a stopped Machine per 30 days);
 * - https://fly.io/docs/about/cost-management/ (three shared-1x 1 GB Machines in sjc: $20.37/month, so
 *   sjc ≈ 1.19 × iad);
 * - the superfly/docs change to about/pricing of 2025-10-09 (volumes: "$0.15/GB per month of
 *   provisioned capacity").
 * Every figure is an estimate of list prices: plans, allowances, reservations, egress, IPs and taxes are
 * not counted, and Fly.io changes prices from time to time.
 */
export const pricesAsOf = "2026-12-02";
export const priceSources = [
  "https://fly.io/docs/about/pricing/",
  "https://fly.io/blog/new-vms-more-ram-extra-cpu-and-a-dollar-menu/",
  "https://fly.io/docs/about/cost-management/",
] as const;

/**
 * Monthly prices Fly.io publishes for a size (name:memory MB), which win over the per-CPU and per-GB
 * arithmetic below where they differ by rounding (1 GB: $5.70 published, $5.69 computed).
 */
export const publishedMonthly: Readonly<Record<string, number>> = {
  "shared-cpu-1x:256": 1.94,
  "shared-cpu-1x:512": 3.19,
  "shared-cpu-1x:1024": 5.7,
  "shared-cpu-1x:2048": 10.7,
  "performance-1x:2048": 31.0,
  "performance-2x:4096": 62.0,
  "performance-4x:8192": 124.0,
  "performance-8x:16384": 248.0,
};

/** A running Machine of the preset size (N CPUs with N × 256 MB shared, N × 2 GB performance) costs N × this. */
export const perCpuAtPresetMemory = { shared: 1.94, performance: 31.0 } as const;

/** Memory the preset does not include: about $5 per GB per 30 days (1 GB $5.70 − 256 MB $1.94 = 3 × 256 MB at $1.25). */
export const extraMemoryPerGb = 5.0;

/** A stopped or suspended Machine pays for the rootfs it keeps: $0.15 per GB per 30 days. */
export const stoppedRootfsPerGb = 0.15;

/** flylint cannot know the image size; 1 GB of rootfs is an assumption, said wherever it is used. */
export const assumedRootfsGb = 1;

/** Volumes: $0.15 per provisioned GB per 30 days. */
export const volumePerGb = 0.15;

/**
 * GPUs, per GPU-hour on top of the Machine; 720 hours make the 30 days. The L40S at $1.25, "the same
 * price as the A10", is from fly.io/blog "We're cutting L40S prices in half" (2024-08-15); the A100
 * figures are the last list prices flylint knows and were not confirmed in 2026. Fly.io has announced
 * that GPUs are being retired (fly.io/docs/kubernetes/using-gpus/), so these are the least certain
 * figures here.
 */
export const gpuPerHour: Readonly<Record<string, number>> = {
  "a10": 1.25,
  "l40s": 1.25,
  "a100-pcie-40gb": 2.5,
  "a100-sxm4-80gb": 3.5,
};

/** How much more a region costs than iad, where the docs say; other regions are priced as iad (up to about 20% more). */
export const regionMultiplier: Readonly<Record<string, number>> = { iad: 1, sjc: 20.37 / 3 / 5.7 };

export const hoursPerMonth = 720;
