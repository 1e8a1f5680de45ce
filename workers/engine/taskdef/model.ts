/**
 * The one model of a RegisterTaskDefinition input, written once in zod (its tree-shakeable
 * functional API, zod/mini: the worker bundle then carries only the parts of zod the model uses).
 * From it come:
 * - the TypeScript types (`RegisterTaskDefinitionInput`, `ContainerDefinitionInput`, …),
 * - the runtime shape check (params.ts turns zod's issues into the AWS CLI's ParamValidation lines),
 * - the JSON Schema the editor uses for completion and hover text (schema.ts).
 *
 * Members are listed in the order of the AWS API model, because the AWS CLI's "Unknown parameter …,
 * must be one of: …" message lists them in that order. Like the API model, the shapes only say
 * which members exist, their types and which are required; everything the ECS service checks
 * (patterns, ranges, cross-field rules) lives in rules/ and answers with the service's own words.
 * Enum members are an exception: the API model lists their values and so do we, so the editor can
 * offer them.
 */
import * as z from 'zod/mini';
import { DEFAULT_STOP_TIMEOUT_S, HEALTH_CHECK, PORT_MAX } from './limits.ts';

type Meta = { description: string; default?: unknown; examples?: unknown[]; minimum?: number; maximum?: number };

/**
 * `schema` with JSON Schema metadata (description, default, examples, Monaco's defaultSnippets).
 * Exactly what classic zod's `.meta()` does — a clone whose parent is `schema`, registered in the
 * global registry that z.toJSONSchema reads — so the generated JSON Schema is the same as when this
 * model used the classic API. zod/mini has no `.meta()` method: its methods live on every schema's
 * prototype and cannot be tree-shaken, which is why the model uses the functional API.
 *
 * Documentation goes only through these helpers (described's second argument, all arguments of
 * str/int/bool/strList/strMap, list's second): the worker build removes exactly those arguments
 * (tools/taskdef-schema.plugin.ts), since the worker gets the JSON Schema precomputed.
 */
function described<T extends z.ZodMiniType>(schema: T, meta: z.core.GlobalMeta): T {
  const clone = schema.clone();
  z.globalRegistry.add(clone, meta);
  return clone;
}

const str = (description: string, extra: Omit<Meta, 'description'> = {}) => described(z.string(), { description, ...extra });
// ECS integers are 32-bit (the API model's Integer); larger numbers fail to deserialize on AWS.
const int = (description: string, extra: Omit<Meta, 'description'> = {}) => described(z.int32(), { description, ...extra });
const bool = (description: string, extra: Omit<Meta, 'description'> = {}) => described(z.boolean(), { description, ...extra });
const strList = (description: string) => described(z.array(z.string()), { description });
const strMap = (description: string) => described(z.record(z.string(), z.string()), { description });
const list = <T extends z.ZodMiniType>(item: T, description: string) => described(z.array(item), { description });

export const NETWORK_MODES = ['bridge', 'host', 'awsvpc', 'none'] as const;
export const COMPATIBILITIES = ['EC2', 'FARGATE', 'EXTERNAL'] as const;
export const PROTOCOLS = ['tcp', 'udp'] as const;
export const DEPENDENCY_CONDITIONS = ['START', 'COMPLETE', 'SUCCESS', 'HEALTHY'] as const;
export const LOG_DRIVERS = ['json-file', 'syslog', 'journald', 'gelf', 'fluentd', 'awslogs', 'splunk', 'awsfirelens'] as const;
export const OS_FAMILIES = [
  'WINDOWS_SERVER_2019_FULL',
  'WINDOWS_SERVER_2019_CORE',
  'WINDOWS_SERVER_2016_FULL',
  'WINDOWS_SERVER_2004_CORE',
  'WINDOWS_SERVER_2022_CORE',
  'WINDOWS_SERVER_2022_FULL',
  'WINDOWS_SERVER_2025_CORE',
  'WINDOWS_SERVER_2025_FULL',
  'WINDOWS_SERVER_20H2_CORE',
  'LINUX',
] as const;
const ULIMIT_NAMES = [
  'core', 'cpu', 'data', 'fsize', 'locks', 'memlock', 'msgqueue', 'nice', 'nofile', 'nproc', 'rss', 'rtprio', 'rttime',
  'sigpending', 'stack',
] as const;

const KeyValuePair = described(
  z.strictObject({
    name: z.optional(str('The name of the variable (or property).')),
    value: z.optional(str('The value of the variable (or property).')),
  }),
  { description: 'A name/value pair.' },
);

const Secret = described(
  z.strictObject({
    name: str('The name of the environment variable (or log option) that receives the secret.'),
    valueFrom: str('The Secrets Manager secret ARN or the SSM Parameter Store parameter ARN or name to read the value from. Needs the task execution role.'),
  }),
  { description: 'A secret injected from Secrets Manager or SSM Parameter Store.' },
);

export const PortMapping = described(
  z.strictObject({
    containerPort: z.optional(int('The port the application in the container listens on (1–65535).', { minimum: 1, maximum: PORT_MAX, examples: [80] })),
    hostPort: z.optional(int(
      'The port on the container instance to bind. bridge mode: omit or 0 for a dynamic port from the ephemeral range, or a static port. host and awsvpc modes: omit or equal to containerPort.',
      { minimum: 0, maximum: PORT_MAX },
    )),
    protocol: z.optional(described(z.enum(PROTOCOLS), { description: 'The protocol of the mapping.', default: 'tcp' })),
    name: z.optional(str('A name for the mapping, used by Service Connect.')),
    appProtocol: z.optional(described(z.enum(['http', 'http2', 'grpc']), { description: 'The application protocol, used by Service Connect.' })),
    containerPortRange: z.optional(str('A range of container ports, e.g. "8000-8100" (bridge and awsvpc modes), instead of containerPort.')),
  }),
  {
    description: 'A port mapping: which container port is reachable, and through which host port.',
    // Monaco's JSON completion offers these as ready-made values ("^" inserts the text unquoted).
    defaultSnippets: [{ label: 'Port mapping (dynamic host port)', body: { containerPort: '^${1:80}', hostPort: 0, protocol: 'tcp' } }],
  },
);

const EnvironmentFile = described(
  z.strictObject({
    value: str('The S3 object ARN of the .env file.'),
    type: described(z.enum(['s3']), { description: 'The file type; only s3.' }),
  }),
  { description: 'A file of environment variables stored in S3.' },
);

const MountPoint = described(
  z.strictObject({
    sourceVolume: z.optional(str('The name of a volume declared in the task definition\'s volumes.')),
    containerPath: z.optional(str('The path in the container where the volume is mounted.')),
    readOnly: z.optional(bool('Mount the volume read-only.', { default: false })),
  }),
  { description: 'A volume mounted into the container.' },
);

const VolumeFrom = described(
  z.strictObject({
    sourceContainer: z.optional(str('The name of another container of this task whose volumes to mount.')),
    readOnly: z.optional(bool('Mount them read-only.', { default: false })),
  }),
  { description: 'Mount all volumes of another container.' },
);

const LinuxParameters = described(
  z.strictObject({
    capabilities: z.optional(described(
      z.strictObject({
        add: z.optional(strList('Linux capabilities to add (e.g. "NET_ADMIN"). Not supported on Fargate except SYS_PTRACE.')),
        drop: z.optional(strList('Linux capabilities to drop.')),
      }),
      { description: 'Linux capabilities added to or dropped from Docker\'s default set.' },
    )),
    devices: z.optional(list(
      described(
        z.strictObject({
          hostPath: str('The device path on the host.'),
          containerPath: z.optional(str('The path inside the container.')),
          permissions: z.optional(described(z.array(z.enum(['read', 'write', 'mknod'])), { description: 'cgroup permissions for the device.' })),
        }),
        { description: 'A host device exposed to the container.' },
      ),
      'Host devices to expose (EC2 only).',
    )),
    initProcessEnabled: z.optional(bool('Run an init process in the container that forwards signals and reaps processes.')),
    sharedMemorySize: z.optional(int('Size of /dev/shm in MiB (EC2 only).')),
    tmpfs: z.optional(list(
      described(
        z.strictObject({
          containerPath: str('The mount path.'),
          size: int('The size in MiB.'),
          mountOptions: z.optional(strList('tmpfs mount options.')),
        }),
        { description: 'A tmpfs mount.' },
      ),
      'tmpfs mounts (EC2 only).',
    )),
    maxSwap: z.optional(int('Total swap in MiB the container may use (EC2 only).')),
    swappiness: z.optional(int('Swappiness 0–100 (EC2 only).', { minimum: 0, maximum: 100 })),
  }),
  { description: 'Linux-specific options (capabilities, devices, init process, tmpfs, swap).' },
);

const ContainerDependency = described(
  z.strictObject({
    containerName: str('The container this one depends on.'),
    condition: described(z.enum(DEPENDENCY_CONDITIONS), {
      description: 'START: it has started. COMPLETE: it has exited (not allowed for an essential dependency). SUCCESS: it has exited with 0 (not allowed for an essential dependency). HEALTHY: it passed its health check.',
    }),
  }),
  { description: 'A startup dependency on another container of the task.' },
);

const HostEntry = described(
  z.strictObject({
    hostname: str('The host name.'),
    ipAddress: str('The IP address.'),
  }),
  { description: 'An /etc/hosts entry.' },
);

const Ulimit = described(
  z.strictObject({
    name: described(z.enum(ULIMIT_NAMES), { description: 'The ulimit resource.' }),
    softLimit: int('The soft limit.'),
    hardLimit: int('The hard limit.'),
  }),
  { description: 'A ulimit for the container.' },
);

const LogConfiguration = described(
  z.strictObject({
    logDriver: described(z.enum(LOG_DRIVERS), {
      description: 'The log driver. Fargate: awslogs, splunk, awsfirelens. EC2 also json-file, syslog, journald, gelf, fluentd (if the agent lists them).',
    }),
    options: z.optional(strMap('Driver options, e.g. awslogs-group, awslogs-region, awslogs-stream-prefix for awslogs.')),
    secretOptions: z.optional(list(Secret, 'Secrets passed to the log driver.')),
  }),
  { description: 'Where the container\'s stdout/stderr go.' },
);

const HealthCheck = described(
  z.strictObject({
    command: strList('["CMD", "exe", "arg"…] or ["CMD-SHELL", "shell command"]; exit code 0 means healthy.'),
    interval: z.optional(int('Seconds between checks (5–300).', { minimum: HEALTH_CHECK.interval.min, maximum: HEALTH_CHECK.interval.max, default: HEALTH_CHECK.interval.default })),
    timeout: z.optional(int('Seconds a check may take before it counts as failed (2–60).', { minimum: HEALTH_CHECK.timeout.min, maximum: HEALTH_CHECK.timeout.max, default: HEALTH_CHECK.timeout.default })),
    retries: z.optional(int('Consecutive failures before the container is UNHEALTHY (1–10).', { minimum: HEALTH_CHECK.retries.min, maximum: HEALTH_CHECK.retries.max, default: HEALTH_CHECK.retries.default })),
    startPeriod: z.optional(int('Grace period in seconds after start during which failures do not count (0–300).', { minimum: HEALTH_CHECK.startPeriod.min, maximum: HEALTH_CHECK.startPeriod.max, default: HEALTH_CHECK.startPeriod.default })),
  }),
  { description: 'A container health check run by the agent (Docker HEALTHCHECK of the image is ignored).' },
);

const SystemControl = described(
  z.strictObject({
    namespace: z.optional(str('The namespaced kernel parameter, e.g. net.core.somaxconn.')),
    value: z.optional(str('Its value.')),
  }),
  { description: 'A sysctl for the container.' },
);

const ResourceRequirement = described(
  z.strictObject({
    value: str('The number of GPUs, or the inference accelerator deviceName.'),
    type: described(z.enum(['GPU', 'InferenceAccelerator']), { description: 'The resource type.' }),
  }),
  { description: 'A GPU or inference accelerator reserved for the container.' },
);

const FirelensConfiguration = described(
  z.strictObject({
    type: described(z.enum(['fluentd', 'fluentbit']), { description: 'The log router.' }),
    options: z.optional(strMap('Options such as enable-ecs-log-metadata or config-file-type.')),
  }),
  { description: 'Makes this container the FireLens log router of the task.' },
);

const RepositoryCredentials = described(
  z.strictObject({
    credentialsParameter: str('The Secrets Manager secret ARN with the private registry credentials.'),
  }),
  { description: 'Credentials for a private (non-ECR) registry.' },
);

const RestartPolicy = described(
  z.strictObject({
    enabled: bool('Restart the container in place when it exits.'),
    ignoredExitCodes: z.optional(described(z.array(z.int32()), { description: 'Exit codes that do not trigger a restart.' })),
    restartAttemptPeriod: z.optional(int('Seconds the container must run before a restart is attempted (60–1800).')),
  }),
  { description: 'Container restart policy.' },
);

export const ContainerDefinition = described(
  z.strictObject({
    name: z.optional(str('The container name: up to 255 letters, numbers, hyphens and underscores; unique within the task definition. Required.', { examples: ['web'] })),
    image: z.optional(str('The image, e.g. "nginx:1.27", "public.ecr.aws/nginx/nginx:latest" or "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1". Required.', { examples: ['nginx:1.27'] })),
    repositoryCredentials: z.optional(RepositoryCredentials),
    cpu: z.optional(int('CPU units reserved for the container (1024 = 1 vCPU). Counts toward what the task reserves on an EC2 instance when the task has no task-level cpu.', { minimum: 0, default: 0 })),
    memory: z.optional(int('Hard memory limit in MiB: the container is killed when it exceeds it. At least 6 MiB. With no task-level memory on EC2, memory or memoryReservation is required.', { minimum: 6 })),
    memoryReservation: z.optional(int('Soft memory limit in MiB: what the scheduler reserves on the instance (instead of memory) when given. Must not exceed memory.', { minimum: 1 })),
    links: z.optional(strList('Links to other containers ("name" or "name:alias"); bridge mode only.')),
    portMappings: z.optional(list(PortMapping, 'Ports the container exposes.')),
    essential: z.optional(bool('If an essential container stops, the whole task stops. At least one container must be essential.', { default: true })),
    restartPolicy: z.optional(RestartPolicy),
    entryPoint: z.optional(strList('Overrides the image ENTRYPOINT.')),
    command: z.optional(strList('Overrides the image CMD.')),
    environment: z.optional(list(KeyValuePair, 'Environment variables.')),
    environmentFiles: z.optional(list(EnvironmentFile, 'Up to 10 .env files in S3; explicit environment entries win.')),
    mountPoints: z.optional(list(MountPoint, 'Volumes mounted into the container.')),
    volumesFrom: z.optional(list(VolumeFrom, 'Volumes taken from other containers.')),
    linuxParameters: z.optional(LinuxParameters),
    secrets: z.optional(list(Secret, 'Secrets injected as environment variables.')),
    dependsOn: z.optional(list(ContainerDependency, 'Containers that must reach a condition before this one starts.')),
    startTimeout: z.optional(int('Seconds to wait for dependencies to reach their condition before giving up.')),
    stopTimeout: z.optional(int(`Seconds between SIGTERM and SIGKILL when the container stops (default ${DEFAULT_STOP_TIMEOUT_S}; Fargate max 120).`)),
    versionConsistency: z.optional(described(z.enum(['enabled', 'disabled']), { description: 'Resolve the image tag to a digest at deployment.', default: 'enabled' })),
    hostname: z.optional(str('The container hostname; not supported with awsvpc.')),
    user: z.optional(str('The user (and group) to run as: "user", "uid", "user:group", "uid:gid".')),
    workingDirectory: z.optional(str('The working directory of the command.')),
    disableNetworking: z.optional(bool('Turn networking off inside the container (EC2 only).')),
    privileged: z.optional(bool('Run with elevated privileges (EC2 only).')),
    readonlyRootFilesystem: z.optional(bool('Mount the root filesystem read-only.')),
    dnsServers: z.optional(strList('DNS servers (EC2 only; not with awsvpc).')),
    dnsSearchDomains: z.optional(strList('DNS search domains (EC2 only).')),
    extraHosts: z.optional(list(HostEntry, '/etc/hosts entries (EC2 only; not with awsvpc).')),
    dockerSecurityOptions: z.optional(strList('SELinux/AppArmor labels (EC2 only).')),
    interactive: z.optional(bool('Keep stdin open (docker run -i).')),
    pseudoTerminal: z.optional(bool('Allocate a TTY (docker run -t).')),
    dockerLabels: z.optional(strMap('Docker labels.')),
    ulimits: z.optional(list(Ulimit, 'ulimits.')),
    logConfiguration: z.optional(LogConfiguration),
    healthCheck: z.optional(HealthCheck),
    systemControls: z.optional(list(SystemControl, 'Namespaced kernel parameters (sysctls).')),
    resourceRequirements: z.optional(list(ResourceRequirement, 'GPUs or inference accelerators to reserve.')),
    firelensConfiguration: z.optional(FirelensConfiguration),
    credentialSpecs: z.optional(strList('Active Directory credential specs (Windows/Linux gMSA).')),
  }),
  {
    description: 'One container of the task.',
    defaultSnippets: [
      {
        label: 'Container (image, cpu, memory, port)',
        body: { name: '${1:web}', image: '${2:nginx:1.27}', cpu: '^${3:256}', memory: '^${4:512}', essential: true, portMappings: [{ containerPort: '^${5:80}', hostPort: 0, protocol: 'tcp' }] },
      },
    ],
  },
);

const Volume = described(
  z.strictObject({
    name: z.optional(str('The volume name, referenced by mountPoints[].sourceVolume: up to 255 letters, numbers, hyphens and underscores.')),
    host: z.optional(described(
      z.strictObject({ sourcePath: z.optional(str('The path on the host (EC2 only). Omit for a Docker-managed scratch directory.')) }), { description: 'A bind mount.' })),
    configuredAtLaunch: z.optional(bool('The volume is configured when the task is run or the service is created (EBS).')),
    dockerVolumeConfiguration: z.optional(described(
      z.strictObject({
        scope: z.optional(described(z.enum(['task', 'shared']), { description: 'task: removed when the task stops; shared: persists.' })),
        autoprovision: z.optional(bool('Create the shared volume if it does not exist.')),
        driver: z.optional(str('The Docker volume driver.')),
        driverOpts: z.optional(strMap('Driver options.')),
        labels: z.optional(strMap('Volume labels.')),
      }),
      { description: 'A Docker volume (EC2 only).' },
    )),
    efsVolumeConfiguration: z.optional(described(
      z.strictObject({
        fileSystemId: str('The EFS file system ID.'),
        rootDirectory: z.optional(str('The directory of the file system to mount as the root; "/" by default.')),
        transitEncryption: z.optional(described(z.enum(['ENABLED', 'DISABLED']), { description: 'Encrypt EFS traffic in transit.', default: 'DISABLED' })),
        transitEncryptionPort: z.optional(int('The port for encrypted traffic.')),
        authorizationConfig: z.optional(described(
          z.strictObject({
            accessPointId: z.optional(str('The EFS access point ID (needs transitEncryption ENABLED).')),
            iam: z.optional(described(z.enum(['ENABLED', 'DISABLED']), { description: 'Use the task role for EFS authorization.' })),
          }),
          { description: 'EFS authorization.' },
        )),
      }),
      { description: 'An Amazon EFS volume.' },
    )),
    fsxWindowsFileServerVolumeConfiguration: z.optional(described(
      z.strictObject({
        fileSystemId: str('The FSx for Windows File Server file system ID.'),
        rootDirectory: str('The directory to mount.'),
        authorizationConfig: described(
          z.strictObject({
            credentialsParameter: str('Secret ARN with the credentials.'),
            domain: str('The fully qualified domain name.'),
          }),
          { description: 'FSx authorization.' },
        ),
      }),
      { description: 'An FSx for Windows File Server volume.' },
    )),
  }),
  { description: 'A data volume containers can mount.' },
);

const PlacementConstraint = described(
  z.strictObject({
    type: z.optional(described(z.enum(['memberOf']), { description: 'The constraint type; task definitions only take memberOf.' })),
    expression: z.optional(str('A cluster query language expression, e.g. "attribute:ecs.instance-type =~ t3.*".')),
  }),
  { description: 'A placement constraint applied to every task of this definition (EC2 only).' },
);

const Tag = described(
  z.strictObject({
    key: z.optional(str('The tag key (1–128 characters).')),
    value: z.optional(str('The tag value (0–256 characters).')),
  }),
  { description: 'A tag.' },
);

const RUNTIME_PLATFORM = described(
  z.strictObject({
    cpuArchitecture: z.optional(described(z.enum(['X86_64', 'ARM64']), { description: 'The CPU architecture.', default: 'X86_64' })),
    operatingSystemFamily: z.optional(described(z.enum(OS_FAMILIES), { description: 'The operating system family.', default: 'LINUX' })),
  }),
  { description: 'The OS and CPU architecture the task needs (required for Windows or ARM64 on Fargate).' },
);

export const RegisterTaskDefinitionInputSchema = described(
  z.strictObject({
    family: str('The family name: up to 255 letters, numbers, hyphens and underscores. Each registration adds a revision (family:1, family:2, …).', { examples: ['web'] }),
    taskRoleArn: z.optional(str('The IAM role the application in the containers uses for AWS calls (an ARN, or a role name in the sandbox).')),
    executionRoleArn: z.optional(str('The IAM role the ECS agent uses to pull private ECR images, send awslogs and read secrets (needed on Fargate for ECR and awslogs).')),
    networkMode: z.optional(described(z
      .enum(NETWORK_MODES), { description: 'Docker networking mode. bridge (default on EC2 Linux): dynamic or static host ports. host: container ports bind on the instance. awsvpc: each task gets its own ENI (required on Fargate). none: no external networking.' })),
    containerDefinitions: list(ContainerDefinition, 'The containers of the task (1–10).'),
    volumes: z.optional(list(Volume, 'Data volumes the containers can mount.')),
    placementConstraints: z.optional(list(PlacementConstraint, 'memberOf constraints every task of this definition must satisfy (EC2 only; up to 10).')),
    requiresCompatibilities: z.optional(described(z
      .array(z.enum(COMPATIBILITIES)), { description: 'Launch types to validate the definition against: EC2, FARGATE, EXTERNAL.' })),
    cpu: z.optional(str('Task-level CPU as a string: units ("256", "1024") or vCPUs ("1 vCPU"). Required on Fargate (a valid cpu/memory pair); optional on EC2 (128–10240).', { examples: ['256', '1024', '1 vCPU'] })),
    memory: z.optional(str('Task-level memory as a string: MiB ("512") or GB ("2 GB"). Required on Fargate; optional on EC2 (then each container needs memory or memoryReservation).', { examples: ['512', '2048', '2 GB'] })),
    tags: z.optional(list(Tag, 'Tags for the task definition.')),
    pidMode: z.optional(described(z.enum(['host', 'task']), { description: 'Share the PID namespace with the host or between the task\'s containers.' })),
    ipcMode: z.optional(described(z.enum(['host', 'task', 'none']), { description: 'IPC namespace sharing (EC2 only).' })),
    proxyConfiguration: z.optional(described(
      z.strictObject({
        type: z.optional(described(z.enum(['APPMESH']), { description: 'The proxy type.' })),
        containerName: str('The container that acts as the App Mesh proxy.'),
        properties: z.optional(list(KeyValuePair, 'Proxy settings (IgnoredUID, ProxyIngressPort, …).')),
      }),
      { description: 'App Mesh proxy configuration.' },
    )),
    inferenceAccelerators: z.optional(list(
      described(
        z.strictObject({
          deviceName: str('The accelerator device name.'),
          deviceType: str('The Elastic Inference accelerator type.'),
        }),
        { description: 'An Elastic Inference accelerator.' },
      ),
      'Elastic Inference accelerators (retired).',
    )),
    ephemeralStorage: z.optional(described(
      z.strictObject({ sizeInGiB: int('Ephemeral storage in GiB (21–200; 20 by default).', { minimum: 21, maximum: 200 }) }),
      { description: 'Fargate ephemeral storage size.' },
    )),
    runtimePlatform: z.optional(RUNTIME_PLATFORM),
    enableFaultInjection: z.optional(bool('Allow fault injection requests from the task\'s containers.', { default: false })),
  }),
  {
    title: 'RegisterTaskDefinition input',
    description: 'What `aws ecs register-task-definition --cli-input-json` takes: a family and its containers.',
  },
);

export type RegisterTaskDefinitionInput = z.infer<typeof RegisterTaskDefinitionInputSchema>;
export type ContainerDefinitionInput = z.infer<typeof ContainerDefinition>;
export type PortMappingInput = z.infer<typeof PortMapping>;
export type NetworkMode = (typeof NETWORK_MODES)[number];
export type Compatibility = (typeof COMPATIBILITIES)[number];
