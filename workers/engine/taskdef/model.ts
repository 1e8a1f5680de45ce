/**
 * The one model of a RegisterTaskDefinition input, written once in zod. From it come:
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
import * as z from 'zod';
import { DEFAULT_STOP_TIMEOUT_S, HEALTH_CHECK, PORT_MAX } from './limits.ts';

type Meta = { description: string; default?: unknown; examples?: unknown[]; minimum?: number; maximum?: number };

const str = (description: string, extra: Omit<Meta, 'description'> = {}) => z.string().meta({ description, ...extra });
// ECS integers are 32-bit (the API model's Integer); larger numbers fail to deserialize on AWS.
const int = (description: string, extra: Omit<Meta, 'description'> = {}) => z.int32().meta({ description, ...extra });
const bool = (description: string, extra: Omit<Meta, 'description'> = {}) => z.boolean().meta({ description, ...extra });
const strList = (description: string) => z.array(z.string()).meta({ description });
const strMap = (description: string) => z.record(z.string(), z.string()).meta({ description });
const list = <T extends z.ZodType>(item: T, description: string) => z.array(item).meta({ description });

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

const KeyValuePair = z
  .strictObject({
    name: str('The name of the variable (or property).').optional(),
    value: str('The value of the variable (or property).').optional(),
  })
  .meta({ description: 'A name/value pair.' });

const Secret = z
  .strictObject({
    name: str('The name of the environment variable (or log option) that receives the secret.'),
    valueFrom: str('The Secrets Manager secret ARN or the SSM Parameter Store parameter ARN or name to read the value from. Needs the task execution role.'),
  })
  .meta({ description: 'A secret injected from Secrets Manager or SSM Parameter Store.' });

export const PortMapping = z
  .strictObject({
    containerPort: int('The port the application in the container listens on (1–65535).', { minimum: 1, maximum: PORT_MAX, examples: [80] }).optional(),
    hostPort: int(
      'The port on the container instance to bind. bridge mode: omit or 0 for a dynamic port from the ephemeral range, or a static port. host and awsvpc modes: omit or equal to containerPort.',
      { minimum: 0, maximum: PORT_MAX },
    ).optional(),
    protocol: z.enum(PROTOCOLS).meta({ description: 'The protocol of the mapping.', default: 'tcp' }).optional(),
    name: str('A name for the mapping, used by Service Connect.').optional(),
    appProtocol: z.enum(['http', 'http2', 'grpc']).meta({ description: 'The application protocol, used by Service Connect.' }).optional(),
    containerPortRange: str('A range of container ports, e.g. "8000-8100" (bridge and awsvpc modes), instead of containerPort.').optional(),
  })
  .meta({
    description: 'A port mapping: which container port is reachable, and through which host port.',
    // Monaco's JSON completion offers these as ready-made values ("^" inserts the text unquoted).
    defaultSnippets: [{ label: 'Port mapping (dynamic host port)', body: { containerPort: '^${1:80}', hostPort: 0, protocol: 'tcp' } }],
  });

const EnvironmentFile = z
  .strictObject({
    value: str('The S3 object ARN of the .env file.'),
    type: z.enum(['s3']).meta({ description: 'The file type; only s3.' }),
  })
  .meta({ description: 'A file of environment variables stored in S3.' });

const MountPoint = z
  .strictObject({
    sourceVolume: str('The name of a volume declared in the task definition\'s volumes.').optional(),
    containerPath: str('The path in the container where the volume is mounted.').optional(),
    readOnly: bool('Mount the volume read-only.', { default: false }).optional(),
  })
  .meta({ description: 'A volume mounted into the container.' });

const VolumeFrom = z
  .strictObject({
    sourceContainer: str('The name of another container of this task whose volumes to mount.').optional(),
    readOnly: bool('Mount them read-only.', { default: false }).optional(),
  })
  .meta({ description: 'Mount all volumes of another container.' });

const LinuxParameters = z
  .strictObject({
    capabilities: z
      .strictObject({
        add: strList('Linux capabilities to add (e.g. "NET_ADMIN"). Not supported on Fargate except SYS_PTRACE.').optional(),
        drop: strList('Linux capabilities to drop.').optional(),
      })
      .meta({ description: 'Linux capabilities added to or dropped from Docker\'s default set.' })
      .optional(),
    devices: list(
      z
        .strictObject({
          hostPath: str('The device path on the host.'),
          containerPath: str('The path inside the container.').optional(),
          permissions: z.array(z.enum(['read', 'write', 'mknod'])).meta({ description: 'cgroup permissions for the device.' }).optional(),
        })
        .meta({ description: 'A host device exposed to the container.' }),
      'Host devices to expose (EC2 only).',
    ).optional(),
    initProcessEnabled: bool('Run an init process in the container that forwards signals and reaps processes.').optional(),
    sharedMemorySize: int('Size of /dev/shm in MiB (EC2 only).').optional(),
    tmpfs: list(
      z
        .strictObject({
          containerPath: str('The mount path.'),
          size: int('The size in MiB.'),
          mountOptions: strList('tmpfs mount options.').optional(),
        })
        .meta({ description: 'A tmpfs mount.' }),
      'tmpfs mounts (EC2 only).',
    ).optional(),
    maxSwap: int('Total swap in MiB the container may use (EC2 only).').optional(),
    swappiness: int('Swappiness 0–100 (EC2 only).', { minimum: 0, maximum: 100 }).optional(),
  })
  .meta({ description: 'Linux-specific options (capabilities, devices, init process, tmpfs, swap).' });

const ContainerDependency = z
  .strictObject({
    containerName: str('The container this one depends on.'),
    condition: z.enum(DEPENDENCY_CONDITIONS).meta({
      description: 'START: it has started. COMPLETE: it has exited (not allowed for an essential dependency). SUCCESS: it has exited with 0 (not allowed for an essential dependency). HEALTHY: it passed its health check.',
    }),
  })
  .meta({ description: 'A startup dependency on another container of the task.' });

const HostEntry = z
  .strictObject({
    hostname: str('The host name.'),
    ipAddress: str('The IP address.'),
  })
  .meta({ description: 'An /etc/hosts entry.' });

const Ulimit = z
  .strictObject({
    name: z.enum(ULIMIT_NAMES).meta({ description: 'The ulimit resource.' }),
    softLimit: int('The soft limit.'),
    hardLimit: int('The hard limit.'),
  })
  .meta({ description: 'A ulimit for the container.' });

const LogConfiguration = z
  .strictObject({
    logDriver: z.enum(LOG_DRIVERS).meta({
      description: 'The log driver. Fargate: awslogs, splunk, awsfirelens. EC2 also json-file, syslog, journald, gelf, fluentd (if the agent lists them).',
    }),
    options: strMap('Driver options, e.g. awslogs-group, awslogs-region, awslogs-stream-prefix for awslogs.').optional(),
    secretOptions: list(Secret, 'Secrets passed to the log driver.').optional(),
  })
  .meta({ description: 'Where the container\'s stdout/stderr go.' });

const HealthCheck = z
  .strictObject({
    command: strList('["CMD", "exe", "arg"…] or ["CMD-SHELL", "shell command"]; exit code 0 means healthy.'),
    interval: int('Seconds between checks (5–300).', { minimum: HEALTH_CHECK.interval.min, maximum: HEALTH_CHECK.interval.max, default: HEALTH_CHECK.interval.default }).optional(),
    timeout: int('Seconds a check may take before it counts as failed (2–60).', { minimum: HEALTH_CHECK.timeout.min, maximum: HEALTH_CHECK.timeout.max, default: HEALTH_CHECK.timeout.default }).optional(),
    retries: int('Consecutive failures before the container is UNHEALTHY (1–10).', { minimum: HEALTH_CHECK.retries.min, maximum: HEALTH_CHECK.retries.max, default: HEALTH_CHECK.retries.default }).optional(),
    startPeriod: int('Grace period in seconds after start during which failures do not count (0–300).', { minimum: HEALTH_CHECK.startPeriod.min, maximum: HEALTH_CHECK.startPeriod.max, default: HEALTH_CHECK.startPeriod.default }).optional(),
  })
  .meta({ description: 'A container health check run by the agent (Docker HEALTHCHECK of the image is ignored).' });

const SystemControl = z
  .strictObject({
    namespace: str('The namespaced kernel parameter, e.g. net.core.somaxconn.').optional(),
    value: str('Its value.').optional(),
  })
  .meta({ description: 'A sysctl for the container.' });

const ResourceRequirement = z
  .strictObject({
    value: str('The number of GPUs, or the inference accelerator deviceName.'),
    type: z.enum(['GPU', 'InferenceAccelerator']).meta({ description: 'The resource type.' }),
  })
  .meta({ description: 'A GPU or inference accelerator reserved for the container.' });

const FirelensConfiguration = z
  .strictObject({
    type: z.enum(['fluentd', 'fluentbit']).meta({ description: 'The log router.' }),
    options: strMap('Options such as enable-ecs-log-metadata or config-file-type.').optional(),
  })
  .meta({ description: 'Makes this container the FireLens log router of the task.' });

const RepositoryCredentials = z
  .strictObject({
    credentialsParameter: str('The Secrets Manager secret ARN with the private registry credentials.'),
  })
  .meta({ description: 'Credentials for a private (non-ECR) registry.' });

const RestartPolicy = z
  .strictObject({
    enabled: bool('Restart the container in place when it exits.'),
    ignoredExitCodes: z.array(z.int32()).meta({ description: 'Exit codes that do not trigger a restart.' }).optional(),
    restartAttemptPeriod: int('Seconds the container must run before a restart is attempted (60–1800).').optional(),
  })
  .meta({ description: 'Container restart policy.' });

export const ContainerDefinition = z
  .strictObject({
    name: str('The container name: up to 255 letters, numbers, hyphens and underscores; unique within the task definition. Required.', { examples: ['web'] }).optional(),
    image: str('The image, e.g. "nginx:1.27", "public.ecr.aws/nginx/nginx:latest" or "123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1". Required.', { examples: ['nginx:1.27'] }).optional(),
    repositoryCredentials: RepositoryCredentials.optional(),
    cpu: int('CPU units reserved for the container (1024 = 1 vCPU). Counts toward what the task reserves on an EC2 instance when the task has no task-level cpu.', { minimum: 0, default: 0 }).optional(),
    memory: int('Hard memory limit in MiB: the container is killed when it exceeds it. At least 6 MiB. With no task-level memory on EC2, memory or memoryReservation is required.', { minimum: 6 }).optional(),
    memoryReservation: int('Soft memory limit in MiB: what the scheduler reserves on the instance (instead of memory) when given. Must not exceed memory.', { minimum: 1 }).optional(),
    links: strList('Links to other containers ("name" or "name:alias"); bridge mode only.').optional(),
    portMappings: list(PortMapping, 'Ports the container exposes.').optional(),
    essential: bool('If an essential container stops, the whole task stops. At least one container must be essential.', { default: true }).optional(),
    restartPolicy: RestartPolicy.optional(),
    entryPoint: strList('Overrides the image ENTRYPOINT.').optional(),
    command: strList('Overrides the image CMD.').optional(),
    environment: list(KeyValuePair, 'Environment variables.').optional(),
    environmentFiles: list(EnvironmentFile, 'Up to 10 .env files in S3; explicit environment entries win.').optional(),
    mountPoints: list(MountPoint, 'Volumes mounted into the container.').optional(),
    volumesFrom: list(VolumeFrom, 'Volumes taken from other containers.').optional(),
    linuxParameters: LinuxParameters.optional(),
    secrets: list(Secret, 'Secrets injected as environment variables.').optional(),
    dependsOn: list(ContainerDependency, 'Containers that must reach a condition before this one starts.').optional(),
    startTimeout: int('Seconds to wait for dependencies to reach their condition before giving up.').optional(),
    stopTimeout: int(`Seconds between SIGTERM and SIGKILL when the container stops (default ${DEFAULT_STOP_TIMEOUT_S}; Fargate max 120).`).optional(),
    versionConsistency: z.enum(['enabled', 'disabled']).meta({ description: 'Resolve the image tag to a digest at deployment.', default: 'enabled' }).optional(),
    hostname: str('The container hostname; not supported with awsvpc.').optional(),
    user: str('The user (and group) to run as: "user", "uid", "user:group", "uid:gid".').optional(),
    workingDirectory: str('The working directory of the command.').optional(),
    disableNetworking: bool('Turn networking off inside the container (EC2 only).').optional(),
    privileged: bool('Run with elevated privileges (EC2 only).').optional(),
    readonlyRootFilesystem: bool('Mount the root filesystem read-only.').optional(),
    dnsServers: strList('DNS servers (EC2 only; not with awsvpc).').optional(),
    dnsSearchDomains: strList('DNS search domains (EC2 only).').optional(),
    extraHosts: list(HostEntry, '/etc/hosts entries (EC2 only; not with awsvpc).').optional(),
    dockerSecurityOptions: strList('SELinux/AppArmor labels (EC2 only).').optional(),
    interactive: bool('Keep stdin open (docker run -i).').optional(),
    pseudoTerminal: bool('Allocate a TTY (docker run -t).').optional(),
    dockerLabels: strMap('Docker labels.').optional(),
    ulimits: list(Ulimit, 'ulimits.').optional(),
    logConfiguration: LogConfiguration.optional(),
    healthCheck: HealthCheck.optional(),
    systemControls: list(SystemControl, 'Namespaced kernel parameters (sysctls).').optional(),
    resourceRequirements: list(ResourceRequirement, 'GPUs or inference accelerators to reserve.').optional(),
    firelensConfiguration: FirelensConfiguration.optional(),
    credentialSpecs: strList('Active Directory credential specs (Windows/Linux gMSA).').optional(),
  })
  .meta({
    description: 'One container of the task.',
    defaultSnippets: [
      {
        label: 'Container (image, cpu, memory, port)',
        body: { name: '${1:web}', image: '${2:nginx:1.27}', cpu: '^${3:256}', memory: '^${4:512}', essential: true, portMappings: [{ containerPort: '^${5:80}', hostPort: 0, protocol: 'tcp' }] },
      },
    ],
  });

const Volume = z
  .strictObject({
    name: str('The volume name, referenced by mountPoints[].sourceVolume: up to 255 letters, numbers, hyphens and underscores.').optional(),
    host: z
      .strictObject({ sourcePath: str('The path on the host (EC2 only). Omit for a Docker-managed scratch directory.').optional() })
      .meta({ description: 'A bind mount.' })
      .optional(),
    configuredAtLaunch: bool('The volume is configured when the task is run or the service is created (EBS).').optional(),
    dockerVolumeConfiguration: z
      .strictObject({
        scope: z.enum(['task', 'shared']).meta({ description: 'task: removed when the task stops; shared: persists.' }).optional(),
        autoprovision: bool('Create the shared volume if it does not exist.').optional(),
        driver: str('The Docker volume driver.').optional(),
        driverOpts: strMap('Driver options.').optional(),
        labels: strMap('Volume labels.').optional(),
      })
      .meta({ description: 'A Docker volume (EC2 only).' })
      .optional(),
    efsVolumeConfiguration: z
      .strictObject({
        fileSystemId: str('The EFS file system ID.'),
        rootDirectory: str('The directory of the file system to mount as the root; "/" by default.').optional(),
        transitEncryption: z.enum(['ENABLED', 'DISABLED']).meta({ description: 'Encrypt EFS traffic in transit.', default: 'DISABLED' }).optional(),
        transitEncryptionPort: int('The port for encrypted traffic.').optional(),
        authorizationConfig: z
          .strictObject({
            accessPointId: str('The EFS access point ID (needs transitEncryption ENABLED).').optional(),
            iam: z.enum(['ENABLED', 'DISABLED']).meta({ description: 'Use the task role for EFS authorization.' }).optional(),
          })
          .meta({ description: 'EFS authorization.' })
          .optional(),
      })
      .meta({ description: 'An Amazon EFS volume.' })
      .optional(),
    fsxWindowsFileServerVolumeConfiguration: z
      .strictObject({
        fileSystemId: str('The FSx for Windows File Server file system ID.'),
        rootDirectory: str('The directory to mount.'),
        authorizationConfig: z
          .strictObject({
            credentialsParameter: str('Secret ARN with the credentials.'),
            domain: str('The fully qualified domain name.'),
          })
          .meta({ description: 'FSx authorization.' }),
      })
      .meta({ description: 'An FSx for Windows File Server volume.' })
      .optional(),
  })
  .meta({ description: 'A data volume containers can mount.' });

const PlacementConstraint = z
  .strictObject({
    type: z.enum(['memberOf']).meta({ description: 'The constraint type; task definitions only take memberOf.' }).optional(),
    expression: str('A cluster query language expression, e.g. "attribute:ecs.instance-type =~ t3.*".').optional(),
  })
  .meta({ description: 'A placement constraint applied to every task of this definition (EC2 only).' });

const Tag = z
  .strictObject({
    key: str('The tag key (1–128 characters).').optional(),
    value: str('The tag value (0–256 characters).').optional(),
  })
  .meta({ description: 'A tag.' });

const RUNTIME_PLATFORM = z
  .strictObject({
    cpuArchitecture: z.enum(['X86_64', 'ARM64']).meta({ description: 'The CPU architecture.', default: 'X86_64' }).optional(),
    operatingSystemFamily: z.enum(OS_FAMILIES).meta({ description: 'The operating system family.', default: 'LINUX' }).optional(),
  })
  .meta({ description: 'The OS and CPU architecture the task needs (required for Windows or ARM64 on Fargate).' });

export const RegisterTaskDefinitionInputSchema = z
  .strictObject({
    family: str('The family name: up to 255 letters, numbers, hyphens and underscores. Each registration adds a revision (family:1, family:2, …).', { examples: ['web'] }),
    taskRoleArn: str('The IAM role the application in the containers uses for AWS calls (an ARN, or a role name in the sandbox).').optional(),
    executionRoleArn: str('The IAM role the ECS agent uses to pull private ECR images, send awslogs and read secrets (needed on Fargate for ECR and awslogs).').optional(),
    networkMode: z
      .enum(NETWORK_MODES)
      .meta({ description: 'Docker networking mode. bridge (default on EC2 Linux): dynamic or static host ports. host: container ports bind on the instance. awsvpc: each task gets its own ENI (required on Fargate). none: no external networking.' })
      .optional(),
    containerDefinitions: list(ContainerDefinition, 'The containers of the task (1–10).'),
    volumes: list(Volume, 'Data volumes the containers can mount.').optional(),
    placementConstraints: list(PlacementConstraint, 'memberOf constraints every task of this definition must satisfy (EC2 only; up to 10).').optional(),
    requiresCompatibilities: z
      .array(z.enum(COMPATIBILITIES))
      .meta({ description: 'Launch types to validate the definition against: EC2, FARGATE, EXTERNAL.' })
      .optional(),
    cpu: str('Task-level CPU as a string: units ("256", "1024") or vCPUs ("1 vCPU"). Required on Fargate (a valid cpu/memory pair); optional on EC2 (128–10240).', { examples: ['256', '1024', '1 vCPU'] }).optional(),
    memory: str('Task-level memory as a string: MiB ("512") or GB ("2 GB"). Required on Fargate; optional on EC2 (then each container needs memory or memoryReservation).', { examples: ['512', '2048', '2 GB'] }).optional(),
    tags: list(Tag, 'Tags for the task definition.').optional(),
    pidMode: z.enum(['host', 'task']).meta({ description: 'Share the PID namespace with the host or between the task\'s containers.' }).optional(),
    ipcMode: z.enum(['host', 'task', 'none']).meta({ description: 'IPC namespace sharing (EC2 only).' }).optional(),
    proxyConfiguration: z
      .strictObject({
        type: z.enum(['APPMESH']).meta({ description: 'The proxy type.' }).optional(),
        containerName: str('The container that acts as the App Mesh proxy.'),
        properties: list(KeyValuePair, 'Proxy settings (IgnoredUID, ProxyIngressPort, …).').optional(),
      })
      .meta({ description: 'App Mesh proxy configuration.' })
      .optional(),
    inferenceAccelerators: list(
      z
        .strictObject({
          deviceName: str('The accelerator device name.'),
          deviceType: str('The Elastic Inference accelerator type.'),
        })
        .meta({ description: 'An Elastic Inference accelerator.' }),
      'Elastic Inference accelerators (retired).',
    ).optional(),
    ephemeralStorage: z
      .strictObject({ sizeInGiB: int('Ephemeral storage in GiB (21–200; 20 by default).', { minimum: 21, maximum: 200 }) })
      .meta({ description: 'Fargate ephemeral storage size.' })
      .optional(),
    runtimePlatform: RUNTIME_PLATFORM.optional(),
    enableFaultInjection: bool('Allow fault injection requests from the task\'s containers.', { default: false }).optional(),
  })
  .meta({
    title: 'RegisterTaskDefinition input',
    description: 'What `aws ecs register-task-definition --cli-input-json` takes: a family and its containers.',
  });

export type RegisterTaskDefinitionInput = z.infer<typeof RegisterTaskDefinitionInputSchema>;
export type ContainerDefinitionInput = z.infer<typeof ContainerDefinition>;
export type PortMappingInput = z.infer<typeof PortMapping>;
export type NetworkMode = (typeof NETWORK_MODES)[number];
export type Compatibility = (typeof COMPATIBILITIES)[number];
