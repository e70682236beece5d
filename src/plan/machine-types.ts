/**
 * The Machines API machine config as flyctl sends it: fly-go v0.9.6 machine_types.go (MachineConfig and
 * the types it holds), with the JSON field names and in the field order encoding/json writes them.
 * Only the fields ToMachineConfig fills are typed in detail; what a `machine_config` JSON brings along
 * is passed through as it was written.
 */
export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface MachineInit {
  exec?: string[];
  entrypoint?: string[];
  cmd?: string[];
  tty?: boolean;
  swap_size_mb?: number;
  kernel_args?: string[];
}

export interface MachineGuest {
  cpu_kind?: string;
  cpus?: number;
  memory_mb?: number;
  max_memory_mb?: number;
  gpus?: number;
  gpu_kind?: string;
  host_dedication_id?: string;
  persist_rootfs?: string;
  kernel_args?: string[];
}

export interface MachineMount {
  encrypted?: boolean;
  path?: string;
  size_gb?: number;
  volume?: string;
  name?: string;
  extend_threshold_percent?: number;
  add_size_gb?: number;
  size_gb_limit?: number;
}

export interface MachineHTTPHeader {
  name?: string;
  values?: string[];
}

/** MachineServiceCheck; a top-level MachineCheck has the same fields plus `kind` (never set by flyctl). */
export interface MachineCheck {
  port?: number;
  type?: string;
  interval?: string;
  timeout?: string;
  grace_period?: string;
  method?: string;
  path?: string;
  protocol?: string;
  tls_skip_verify?: boolean;
  tls_server_name?: string;
  headers?: MachineHTTPHeader[];
}

export interface MachinePort {
  port?: number;
  start_port?: number;
  end_port?: number;
  handlers?: string[];
  force_https?: boolean;
  tls_options?: { [key: string]: JsonValue };
  http_options?: { [key: string]: JsonValue };
  proxy_proto_options?: { [key: string]: JsonValue };
}

export interface MachineService {
  protocol?: string;
  internal_port?: number;
  /** fly-go writes off and stop as booleans and suspend as a string, for older API clients (machine_types.go:1294-1305). */
  autostop?: boolean | "suspend";
  autostart?: boolean;
  min_machines_running?: number;
  ports?: MachinePort[];
  checks?: MachineCheck[];
  concurrency?: { type?: string; hard_limit?: number; soft_limit?: number };
  /** Has no omitempty in fly-go, so it is always written, as null. */
  force_instance_key: string | null;
}

export interface MachineStatic {
  guest_path: string;
  url_prefix: string;
  tigris_bucket: string;
  index_document: string;
}

export interface MachineConfig {
  env?: { [name: string]: string };
  /** No omitempty: always written, `{}` when empty. */
  init: MachineInit;
  guest?: MachineGuest;
  metadata?: { [key: string]: string };
  mounts?: MachineMount[];
  services?: MachineService[];
  metrics?: { port?: number; path?: string; https?: boolean };
  checks?: { [name: string]: MachineCheck };
  statics?: MachineStatic[];
  restart?: { policy?: string; max_retries?: number };
  stop_config?: { timeout?: string; signal?: string };
  /** Other fields come only from a `machine_config` JSON (dns, image, schedule, containers, ...). */
  [field: string]: JsonValue | undefined | object;
}
