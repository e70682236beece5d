import { describe, expect, it } from "vitest";
import { lintText } from "../../src/engine/lint.js";
import { gpuUnavailable } from "../../src/rules/gpu-unavailable.js";
import { vmPartialSize } from "../../src/rules/vm-partial-size.js";
import { testRule } from "../helpers/rule-tester.js";

const scaleTail = "and replaces any size set with fly scale. Write the whole size you want, e.g.";

testRule(vmPartialSize, {
  valid: [
    `app = "no-vm"`,
    `[[vm]]\nsize = "shared-cpu-2x"`,
    `[[vm]]\nsize = "performance-2x"\nmemory = "8gb"`,
    `[[vm]]\ncpu_kind = "shared"\ncpus = 2\nmemory = "1gb"`,
    `[[vm]]\ncpu_kind = "performance"\ncpus = 1\nmemory_mb = 2048`,
    // Sizes the platform refuses are vm-limits' errors; GPUs are gpu-unavailable's.
    `[[vm]]\ncpu_kind = "performance"`,
    `[[vm]]\ncpus = 2`,
    `[[vm]]\ngpu_kind = "a100-pcie-40gb"`,
    `[[vm]]\nmemory = "1 gigabyte"`,
  ],
  invalid: [
    {
      code: `app = "x"\n\n[[⟦vm⟧]]\n  memory = "1gb"\n`,
      messages: [`vm[0] sets only memory, so every fly deploy gives its Machines 1 shared CPU with 1024 MB: flyctl takes the cpu_kind and cpus it leaves out from shared-cpu-1x ${scaleTail} cpu_kind = "shared", cpus = 1, memory = "1gb", or a size preset such as size = "shared-cpu-2x"`],
      output: null,
    },
    {
      code: `[[⟦vm⟧]]\ncpu_kind = "shared"`,
      messages: [`vm[0] sets only cpu_kind, so every fly deploy gives its Machines 1 shared CPU with 256 MB: flyctl takes the cpus and memory it leaves out from shared-cpu-1x ${scaleTail} cpu_kind = "shared", cpus = 1, memory = "256mb", or a size preset such as size = "shared-cpu-2x"`],
      output: null,
    },
    {
      code: `[[vm]]\nsize = "shared-cpu-1x"\n[[⟦vm⟧]]\ncpus = 2\nmemory_mb = 512\nprocesses = ["worker"]`,
      messages: [`vm[1] sets only cpus and memory_mb, so every fly deploy gives its Machines 2 shared CPUs with 512 MB: flyctl takes the cpu_kind it leaves out from shared-cpu-1x ${scaleTail} cpu_kind = "shared", cpus = 2, memory = "512mb", or a size preset such as size = "shared-cpu-2x"`],
      output: null,
    },
    {
      // A [[vm]] with no size at all still sends shared-cpu-1x on every deploy.
      code: `[⟦compute⟧]\nprocesses = ["app"]\nkernel_args = ["quiet"]`,
      messages: [`compute sets no size, so every fly deploy gives its Machines 1 shared CPU with 256 MB: flyctl takes the cpu_kind and cpus and memory it leaves out from shared-cpu-1x ${scaleTail} cpu_kind = "shared", cpus = 1, memory = "256mb", or a size preset such as size = "shared-cpu-2x"`],
      output: null,
    },
  ],
});

const gpuTail = `but Fly.io no longer offers GPU Machines (unavailable after 1 August 2026, Fly.io docs (superfly/docs commit 84fd3d00)), so fly deploy cannot create it; remove the GPU settings and pick a CPU size such as size = "performance-8x"`;

testRule(gpuUnavailable, {
  valid: [`[[vm]]\nsize = "performance-8x"`, `[[vm]]\ngpu_kind = ""\ngpus = 0\nsize = "shared-cpu-1x"`, `app = "x"`],
  invalid: [
    { code: `[[vm]]\nsize = ⟦"a100-40gb"⟧`, messages: [`vm[0] asks for a GPU (size = "a100-40gb"), ${gpuTail}`], output: null },
    { code: `[[vm]]\n  size = ⟦'l40s'⟧\n  gpu_kind = "l40s"\n[[vm]]\n  processes = ["ml"]\n  gpu_kind = ⟦"a10"⟧`, messages: [`vm[0] asks for a GPU (size = "l40s"), ${gpuTail}`, `vm[1] asks for a GPU (gpu_kind = "a10"), ${gpuTail}`], output: null },
    { code: `[vm]\ncpu_kind = "performance"\ngpus = ⟦2⟧`, messages: [`vm asks for a GPU (gpus = 2), ${gpuTail}`], output: null },
  ],
});

describe("GPU and partial [[vm]] rules together", () => {
  const ids = (code: string) => lintText(code).diagnostics.map((d) => d.ruleId);

  it("reports a GPU [[vm]] once, as gpu-unavailable, not also as a suspend or size problem", () => {
    const code = `[http_service]\ninternal_port = 8080\nauto_stop_machines = "suspend"\n[[vm]]\ngpu_kind = "a10"\nmemory_mb = 1024\n`;
    expect(ids(code)).toContain("gpu-unavailable");
    expect(ids(code)).not.toContain("suspend-incompatible");
    expect(ids(code)).not.toContain("vm-partial-size");
    expect(ids(code)).not.toContain("vm-limits");
    expect(ids(`[[vm]]\nsize = "a10"`)).not.toContain("vm-size");
  });

  it("gives a refused partial size one error (vm-limits, naming the defaults) and no partial-size warning", () => {
    const found = ids(`[[vm]]\ncpu_kind = "performance"\n`);
    expect(found).toContain("vm-limits");
    expect(found).not.toContain("vm-partial-size");
  });
});
