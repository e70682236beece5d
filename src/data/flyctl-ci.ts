/**
 * How CI installs flyctl, and what pins it. flyctl does not update itself when CI or GITHUB_ACTIONS is set
 * (flyctl internal/command/command.go:425-427, env.IsCI), so a CI run gets whatever its install step fetched.
 *
 * superfly/flyctl-actions at ed8efb33 (2026-04-08), read 2026-12-02: setup-flyctl/action.yml's `version`
 * input defaults to "latest" and is resolved through api.fly.io/app/flyctl_releases (setup-flyctl/src/main.ts);
 * the root action is a Docker action whose Dockerfile runs `curl -L https://fly.io/install.sh | sh`, so it
 * always installs the latest flyctl. Its tags are below; 1.0 to 1.3 predate setup-flyctl.
 */
export const flyctlActions = {
  repository: "superfly/flyctl-actions",
  setupPath: "setup-flyctl",
  /** Every tag of the repository. */
  tags: ["1", "1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "v1", "v1.4"],
  /** The tags that contain setup-flyctl/action.yml. */
  setupTags: ["1", "1.4", "1.5", "1.6", "v1", "v1.4"],
  /** The newest tag, for messages. */
  newestTag: "1.6",
  /** Branches: a ref that moves. */
  branches: ["master"],
} as const;

/**
 * flyctl's container images: Docker Hub flyio/flyctl and ghcr.io/superfly/flyctl, tagged `v<version>`
 * (e.g. v0.4.87) and `latest` (as cited in flylint issue 12, recorded 2026-12-02).
 */
export const flyctlImageNames = ["flyio/flyctl", "docker.io/flyio/flyctl", "docker.io/library/flyio/flyctl", "index.docker.io/flyio/flyctl", "registry-1.docker.io/flyio/flyctl", "ghcr.io/superfly/flyctl"] as const;

/** The install script; its first argument is the version to install (`| sh -s 0.4.87`), else the latest. */
export const installScriptUrl = "https://fly.io/install.sh";

/** A flyctl release version as users write it: 0.4.87, v0.4.87, 0.4.87-pre-1. */
export const flyctlVersionPattern = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
