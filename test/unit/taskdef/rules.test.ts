// Proves each ECS service rule of RegisterTaskDefinition: one row per rule, the input that breaks
// it, and the exact ClientException message and JSON pointer the sandbox answers with (AWS's own
// words where they are known — see workers/engine/taskdef/messages.ts).
import { describe, expect, it } from 'vitest';
import { validateTaskDefinition } from '../../../workers/engine/taskdef/index.ts';
import { RegisterTaskDefinitionInputSchema } from '../../../workers/engine/taskdef/model.ts';
import { ruleContext } from '../../../workers/engine/taskdef/rules/context.ts';
import { RULES } from '../../../workers/engine/taskdef/rules/index.ts';
import { edited, fargateApi, minimalEc2, nginxWeb, richEc2, type Doc } from './fixtures.ts';

const TASK_SIZE = "Invalid 'cpu' setting for task. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.";
const c0 = '/containerDefinitions/0';

const bridge = (...containers: Doc[]): Doc => ({ family: 'f', containerDefinitions: containers });
const box = (fields: Doc = {}): Doc => ({ name: 'a', image: 'x', memory: 64, ...fields });

type Row = [rule: string, doc: Doc, errors: [path: string, message: string, code?: string][]];

const rows: Row[] = [
  // identity
  ['family blank', edited(minimalEc2(), (d) => (d.family = '')), [['/family', 'Family can not be blank.']]],
  ['family with a dot', edited(minimalEc2(), (d) => (d.family = 'web.v2')), [['/family', 'Family contains invalid characters.']]],
  ['family of 256 characters', edited(minimalEc2(), (d) => (d.family = 'a'.repeat(256))), [['/family', 'Family contains invalid characters.']]],
  ['no containers', { family: 'f', containerDefinitions: [] }, [['/containerDefinitions', 'Container list cannot be empty.']]],
  ['11 containers (max 10)', bridge(...Array.from({ length: 11 }, (_, i) => box({ name: `c${i}` }))), [['/containerDefinitions', 'Too many containers.']]],
  ['container without a name', bridge({ image: 'x', memory: 64 }), [[`${c0}/name`, 'Container.name should not be null or empty.']]],
  ['container name with a space', bridge(box({ name: 'my app' })), [[`${c0}/name`, 'Container.name contains invalid characters.']]],
  ['two containers named alike', bridge(box(), box()), [['/containerDefinitions/1/name', 'Container names must be unique within a Task Definition.']]],
  ['container without an image', bridge({ name: 'a', memory: 64 }), [[`${c0}/image`, 'Container.image should not be null or empty.']]],
  ['image with a space', bridge(box({ image: 'nginx latest' })), [[`${c0}/image`, 'Container.image contains invalid characters.']]],
  ['no essential container', bridge(box({ essential: false }), box({ name: 'b', essential: false })), [['/containerDefinitions', "Task definition doesn't have any essential container."]]],
  ['task role neither ARN nor name', edited(minimalEc2(), (d) => (d.taskRoleArn = 'arn:aws:s3:::bucket')), [['/taskRoleArn', "Role is not valid: 'arn:aws:s3:::bucket' in taskRoleArn is neither an IAM role ARN (arn:aws:iam::123456789012:role/name) nor a role name."]]],
  // memory and cpu
  ['EC2 container without memory or memoryReservation, no task memory', bridge({ name: 'a', image: 'x' }), [[c0, "Invalid setting for container 'a'. At least one of 'memory' or 'memoryReservation' must be specified."]]],
  ['container memory under 6 MiB', bridge(box({ memory: 4 })), [[`${c0}/memory`, "Invalid 'memory' setting for container 'a'. The minimum is 6 MiB; got 4."]]],
  ['memoryReservation 0', bridge(box({ memory: undefined, memoryReservation: 0 })), [
    [c0, "Invalid setting for container 'a'. At least one of 'memory' or 'memoryReservation' must be specified."],
    [`${c0}/memoryReservation`, "Invalid 'memoryReservation' setting for container 'a'. It must be a positive number of MiB; got 0."],
  ]],
  ['memoryReservation above memory (1024 > 512)', bridge(box({ memory: 512, memoryReservation: 1024 })), [[`${c0}/memoryReservation`, "Invalid 'memoryReservation' setting for container 'a'. 'memoryReservation' (1024 MiB) must not be greater than 'memory' (512 MiB)."]]],
  ['negative container cpu', bridge(box({ cpu: -1 })), [[`${c0}/cpu`, "Invalid 'cpu' setting for container 'a'. It must be 0 or more CPU units; got -1."]]],
  ['task cpu not a number of units', edited(minimalEc2(), (d) => (d.cpu = 'lots')), [['/cpu', TASK_SIZE]]],
  ['task memory not a number of MiB', edited(minimalEc2(), (d) => (d.memory = '1 TB')), [['/memory', TASK_SIZE]]],
  ['EC2 task cpu under 128 units', edited(minimalEc2(), (d) => (d.cpu = '64')), [['/cpu', TASK_SIZE]]],
  ['EC2 task cpu over 10240 units (11 vCPU = 11264)', edited(minimalEc2(), (d) => (d.cpu = '11 vCPU')), [['/cpu', TASK_SIZE]]],
  // 300 + 300 = 600 > 512
  ['container cpu sum above task cpu (300 + 300 > 512)', { family: 'f', cpu: '512', containerDefinitions: [box({ cpu: 300 }), box({ name: 'b', cpu: 300 })] }, [['/cpu', "The sum of all container 'cpu' values cannot be greater than the value of the task 'cpu'."]]],
  ['container memory above task memory (1024 > 512)', { family: 'f', memory: '512', containerDefinitions: [box({ memory: 1024, memoryReservation: 256 })] }, [[`${c0}/memory`, "The 'memory' setting for container is greater than for the task."]]],
  // 300 + 300 = 600 > 512
  ['reservations above task memory (300 + 300 > 512)', { family: 'f', memory: '512', containerDefinitions: [box({ memory: undefined, memoryReservation: 300 }), box({ name: 'b', memory: undefined, memoryReservation: 300 })] }, [['/memory', "The sum of all container 'memoryReservation' values cannot be greater than the value of the task 'memory'."]]],
  // Fargate
  ['Fargate with bridge networking', edited(fargateApi(), (d) => delete d.networkMode), [['/networkMode', 'Fargate only supports network mode ‘awsvpc’.']]],
  ['Fargate without task cpu', edited(fargateApi(), (d) => delete d.cpu), [['/cpu', "Fargate requires that 'cpu' be defined at the task level."]]],
  ['Fargate without task memory', edited(fargateApi(), (d) => delete d.memory), [['/memory', "Fargate requires that 'memory' be defined at the task level."]]],
  ['Fargate cpu not in the table (768)', edited(fargateApi(), (d) => (d.cpu = '768')), [['/cpu', `${TASK_SIZE} Fargate takes a task cpu of 256, 512, 1024, 2048, 4096, 8192, 16384 CPU units; got 768.`]]],
  ['Fargate 256 cpu with 4096 MiB (256 allows 512, 1024, 2048)', edited(fargateApi(), (d) => Object.assign(d, { cpu: '256', memory: '4096' })), [['/memory', `${TASK_SIZE} With 256 CPU units Fargate takes a task memory of 512, 1024, 2048 MiB; got 4096.`]]],
  ['Fargate 8 vCPU with 18 GB (16–60 GB in 4 GB steps)', edited(fargateApi(), (d) => Object.assign(d, { cpu: '8 vCPU', memory: '18 GB' })), [['/memory', `${TASK_SIZE} With 8192 CPU units Fargate takes a task memory of 16384–61440 in steps of 4096 MiB; got 18432.`]]],
  ['Fargate Windows with 0.5 vCPU (Windows needs ≥ 1 vCPU)', edited(fargateApi(), (d) => (d.runtimePlatform = { operatingSystemFamily: 'WINDOWS_SERVER_2022_CORE' })), [['/cpu', `${TASK_SIZE} Fargate (Windows) takes a task cpu of 1024, 2048, 4096 CPU units; got 512.`]]],
  ['Fargate pidMode host', edited(fargateApi(), (d) => (d.pidMode = 'host')), [['/pidMode', "Tasks using the Fargate launch type do not support pidMode 'host'. The supported value for pidMode is 'task'."]]],
  ['Fargate ipcMode', edited(fargateApi(), (d) => (d.ipcMode = 'task')), [['/ipcMode', 'Tasks using the Fargate launch type do not support ipcMode.']]],
  ['Fargate placementConstraints', edited(fargateApi(), (d) => (d.placementConstraints = [{ type: 'memberOf', expression: 'attribute:x == y' }])), [['/placementConstraints', 'Tasks using the Fargate launch type do not support placementConstraints.']]],
  ['Fargate privileged container', edited(fargateApi(), (d) => (d.containerDefinitions[0].privileged = true)), [[`${c0}/privileged`, 'Tasks using the Fargate launch type do not support privileged.']]],
  ['Fargate links', edited(fargateApi(), (d) => {
    d.containerDefinitions[0].links = ['db'];
    d.containerDefinitions.push({ name: 'db', image: 'postgres' });
  }), [[`${c0}/links`, 'Tasks using the Fargate launch type do not support links.']]],
  ['Fargate stopTimeout 300 s (max 120)', edited(fargateApi(), (d) => (d.containerDefinitions[0].stopTimeout = 300)), [[`${c0}/stopTimeout`, "Invalid 'stopTimeout' setting for container 'api'. Fargate allows at most 120 seconds; got 300."]]],
  ['Fargate ECR image and awslogs without execution role', edited(fargateApi(), (d) => delete d.executionRoleArn), [
    [`${c0}/image`, 'Fargate requires task definition to have execution role ARN to support ECR images.'],
    [`${c0}/logConfiguration/logDriver`, 'Fargate requires task definition to have execution role ARN to support log driver awslogs.'],
  ]],
  ['Fargate host volume with a sourcePath', edited(fargateApi(), (d) => (d.volumes = [{ name: 'data', host: { sourcePath: '/srv' } }])), [['/volumes/0/host/sourcePath', 'Tasks using the Fargate launch type do not support host volumes with a sourcePath.']]],
  ['Fargate Docker volume', edited(fargateApi(), (d) => (d.volumes = [{ name: 'data', dockerVolumeConfiguration: { scope: 'task' } }])), [['/volumes/0/dockerVolumeConfiguration', 'Tasks using the Fargate launch type do not support dockerVolumeConfiguration.']]],
  ['Fargate linuxParameters devices', edited(fargateApi(), (d) => (d.containerDefinitions[0].linuxParameters = { devices: [{ hostPath: '/dev/fuse' }] })), [[`${c0}/linuxParameters/devices`, 'Tasks using the Fargate launch type do not support linuxParameters.devices.']]],
  ['Fargate adds NET_ADMIN (only SYS_PTRACE may be added)', edited(fargateApi(), (d) => (d.containerDefinitions[0].linuxParameters = { capabilities: { add: ['SYS_PTRACE', 'NET_ADMIN'] } })), [[`${c0}/linuxParameters/capabilities/add/1`, "Tasks using the Fargate launch type do not support the 'NET_ADMIN' capability."]]],
  ['Fargate json-file log driver', edited(fargateApi(), (d) => (d.containerDefinitions[0].logConfiguration = { logDriver: 'json-file' })), [[`${c0}/logConfiguration/logDriver`, "Tasks using the Fargate launch type do not support the 'json-file' log driver. The supported log drivers are awslogs, splunk and awsfirelens."]]],
  ['Fargate GPU', edited(fargateApi(), (d) => (d.containerDefinitions[0].resourceRequirements = [{ type: 'GPU', value: '1' }])), [[`${c0}/resourceRequirements/0`, 'Tasks using the Fargate launch type do not support GPU resource requirements.']]],
  ['Fargate nofile hard limit 2097152 (max 1048576)', edited(fargateApi(), (d) => (d.containerDefinitions[0].ulimits = [{ name: 'nofile', softLimit: 1024, hardLimit: 2097152 }])), [[`${c0}/ulimits/0/hardLimit`, "Invalid 'ulimits' setting for container 'api'. Fargate allows a 'nofile' limit of at most 1048576; got 2097152."]]],
  ['EXTERNAL with awsvpc', { family: 'f', requiresCompatibilities: ['EXTERNAL'], networkMode: 'awsvpc', containerDefinitions: [box()] }, [['/networkMode', "Tasks using the EXTERNAL launch type do not support network mode 'awsvpc'."]]],
  ['ephemeral storage 20 GiB (configurable 21–200)', edited(fargateApi(), (d) => (d.ephemeralStorage = { sizeInGiB: 20 })), [['/ephemeralStorage/sizeInGiB', "Invalid 'ephemeralStorage.sizeInGiB' setting for task. It must be between 21 and 200 GiB; got 20."]]],
  ['memberOf expression with an unclosed parenthesis', { ...bridge(box()), placementConstraints: [{ type: 'memberOf', expression: '(attribute:a == b' }] }, [['/placementConstraints/0/expression', "Invalid 'placementConstraints' setting: the memberOf expression '(attribute:a == b' has a '(' at position 1 that is never closed."]]],
  ['memberOf expression with an unknown subject', { ...bridge(box()), placementConstraints: [{ type: 'memberOf', expression: 'instance-type == t3.micro' }] }, [['/placementConstraints/0/expression', "Invalid 'placementConstraints' setting: the memberOf expression 'instance-type == t3.micro' has 'instance-type' where a subject belongs (attribute:<name>, task:group, agentConnected, agentVersion, ec2InstanceId, registeredAt, runningTasksCount)."]]],
  ['memberOf expression without an operator', { ...bridge(box()), placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type t3.micro' }] }, [['/placementConstraints/0/expression', "Invalid 'placementConstraints' setting: the memberOf expression 'attribute:ecs.instance-type t3.micro' has no operator after 'attribute:ecs.instance-type' (==, !=, >, >=, <, <=, =~, !~, in, !in, exists, !exists)."]]],
  ['memberOf expression without an argument', { ...bridge(box()), placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.os-type ==' }] }, [['/placementConstraints/0/expression', "Invalid 'placementConstraints' setting: the memberOf expression 'attribute:ecs.os-type ==' has no argument after 'attribute:ecs.os-type =='."]]],
  ['11 placement constraints (max 10)', { ...bridge(box()), placementConstraints: Array.from({ length: 11 }, () => ({ type: 'memberOf', expression: 'attribute:ecs.os-type == linux' })) }, [['/placementConstraints', 'Too many placement constraints: 11 given, at most 10 allowed.']]],
  ['memberOf without an expression', { ...bridge(box()), placementConstraints: [{ type: 'memberOf' }] }, [['/placementConstraints/0', "Invalid 'placementConstraints' setting: a memberOf constraint needs an expression."]]],
  ['memberOf expression of 2001 characters (max 2000)', { ...bridge(box()), placementConstraints: [{ type: 'memberOf', expression: 'x'.repeat(2001) }] }, [['/placementConstraints/0/expression', "Invalid 'placementConstraints' setting: the expression is 2001 characters long, at most 2000 allowed."]]],
  // ports and networking
  ['port mapping without containerPort', bridge(box({ portMappings: [{ hostPort: 80 }] })), [[`${c0}/portMappings/0/containerPort`, "Invalid 'containerPort' setting for container 'a'."]]],
  ['containerPort 0', bridge(box({ portMappings: [{ containerPort: 0 }] })), [[`${c0}/portMappings/0/containerPort`, "Invalid 'containerPort' setting for container 'a'."]]],
  ['containerPort 65536', bridge(box({ portMappings: [{ containerPort: 65536 }] })), [[`${c0}/portMappings/0/containerPort`, "Invalid 'containerPort' setting for container 'a'."]]],
  ['hostPort -1', bridge(box({ portMappings: [{ containerPort: 80, hostPort: -1 }] })), [[`${c0}/portMappings/0/hostPort`, "Invalid 'hostPort' setting for container 'a'."]]],
  ['awsvpc hostPort 8081 ≠ containerPort 8080', edited(fargateApi(), (d) => (d.containerDefinitions[0].portMappings[0].hostPort = 8081)), [[`${c0}/portMappings/0/hostPort`, 'When networkMode=awsvpc, the host ports and container ports in port mappings must match.']]],
  ['awsvpc hostPort 0 (no dynamic ports on an ENI)', edited(fargateApi(), (d) => (d.containerDefinitions[0].portMappings[0].hostPort = 0)), [[`${c0}/portMappings/0/hostPort`, 'When networkMode=awsvpc, the host ports and container ports in port mappings must match.']]],
  ['host mode hostPort 8080 ≠ containerPort 80', { family: 'f', networkMode: 'host', containerDefinitions: [box({ portMappings: [{ containerPort: 80, hostPort: 8080 }] })] }, [[`${c0}/portMappings/0/hostPort`, 'When networkMode=host, the host ports and container ports in port mappings must match.']]],
  ['none mode with port mappings', { family: 'f', networkMode: 'none', containerDefinitions: [box({ portMappings: [{ containerPort: 80 }] })] }, [[`${c0}/portMappings`, "Invalid 'portMappings' setting for container 'a'. Port mappings are not supported when networkMode=none."]]],
  ['bridge: static host port 80 twice in one task', bridge(box({ portMappings: [{ containerPort: 80, hostPort: 80 }] }), box({ name: 'b', portMappings: [{ containerPort: 8080, hostPort: 80 }] })), [['/containerDefinitions/1/portMappings/0/hostPort', "TCP host port '80' is mapped multiple times in task."]]],
  ['host mode: container port 53/udp twice', { family: 'f', networkMode: 'host', containerDefinitions: [box({ portMappings: [{ containerPort: 53, protocol: 'udp' }, { containerPort: 53, protocol: 'udp' }] })] }, [[`${c0}/portMappings/1/containerPort`, "UDP host port '53' is mapped multiple times in task."]]],
  ['appProtocol without a port mapping name', bridge(box({ portMappings: [{ containerPort: 80, appProtocol: 'http' }] })), [[`${c0}/portMappings/0/appProtocol`, "Invalid 'portMappings' setting for container 'a'. A port mapping with an appProtocol needs a name."]]],
  ['two port mappings named alike', bridge(box({ portMappings: [{ containerPort: 80, name: 'web' }] }), box({ name: 'b', portMappings: [{ containerPort: 81, name: 'web' }] })), [['/containerDefinitions/1/portMappings/0/name', "Port mapping name 'web' is used more than once in the task definition."]]],
  ['awsvpc container with a hostname', edited(fargateApi(), (d) => (d.containerDefinitions[0].hostname = 'api')), [[`${c0}/hostname`, 'hostname is not supported on container when networkMode=awsvpc.']]],
  ['links in host mode', { family: 'f', networkMode: 'host', containerDefinitions: [box({ links: ['b'] }), box({ name: 'b' })] }, [[`${c0}/links`, "Invalid 'links' setting for container 'a'. Links are only supported when networkMode=bridge, not host."]]],
  ['containerPortRange "9000-8000" (first must be below last)', bridge(box({ portMappings: [{ containerPortRange: '9000-8000' }] })), [[`${c0}/portMappings/0/containerPortRange`, `Invalid 'containerPortRange' setting for container 'a'. '9000-8000' is not a range like "8000-8100" of ports between 1 and 65535.`]]],
  ['containerPortRange with a containerPort', bridge(box({ portMappings: [{ containerPort: 80, containerPortRange: '8000-8100' }] })), [[`${c0}/portMappings/0/containerPortRange`, "Invalid 'portMappings' setting for container 'a'. Give either containerPort or containerPortRange, not both; a range takes no hostPort."]]],
  ['containerPortRange in host mode', { family: 'f', networkMode: 'host', containerDefinitions: [box({ portMappings: [{ containerPortRange: '8000-8100' }] })] }, [[`${c0}/portMappings/0/containerPortRange`, "Invalid 'containerPortRange' setting for container 'a'. Port ranges need networkMode bridge or awsvpc, not host."]]],
  // health checks, dependencies, volumes, logs
  ['health check command without CMD/CMD-SHELL', bridge(box({ healthCheck: { command: ['curl -f localhost'] } })), [[`${c0}/healthCheck/command`, `Invalid 'healthCheck.command' setting for container 'a'. It must start with "CMD" or "CMD-SHELL" followed by the command.`]]],
  ['health check interval 1 s (5–300)', bridge(box({ healthCheck: { command: ['CMD', 'true'], interval: 1 } })), [[`${c0}/healthCheck/interval`, "Invalid 'healthCheck.interval' setting for container 'a'. It must be between 5 and 300; got 1."]]],
  ['health check timeout 61 s (2–60)', bridge(box({ healthCheck: { command: ['CMD', 'true'], timeout: 61 } })), [[`${c0}/healthCheck/timeout`, "Invalid 'healthCheck.timeout' setting for container 'a'. It must be between 2 and 60; got 61."]]],
  ['health check retries 11 (1–10)', bridge(box({ healthCheck: { command: ['CMD', 'true'], retries: 11 } })), [[`${c0}/healthCheck/retries`, "Invalid 'healthCheck.retries' setting for container 'a'. It must be between 1 and 10; got 11."]]],
  ['health check startPeriod 301 s (0–300)', bridge(box({ healthCheck: { command: ['CMD', 'true'], startPeriod: 301 } })), [[`${c0}/healthCheck/startPeriod`, "Invalid 'healthCheck.startPeriod' setting for container 'a'. It must be between 0 and 300; got 301."]]],
  ['ulimit soft limit above hard limit (8192 > 4096)', bridge(box({ ulimits: [{ name: 'nofile', softLimit: 8192, hardLimit: 4096 }] })), [[`${c0}/ulimits/0/softLimit`, "Invalid 'ulimits' setting for container 'a'. The soft limit of 'nofile' (8192) is greater than its hard limit (4096)."]]],
  ['restart attempt period 30 s (60–1800)', bridge(box({ restartPolicy: { enabled: true, restartAttemptPeriod: 30 } })), [[`${c0}/restartPolicy/restartAttemptPeriod`, "Invalid 'restartPolicy.restartAttemptPeriod' setting for container 'a'. It must be between 60 and 1800 seconds; got 30."]]],
  ['dependsOn an unknown container', bridge(box({ dependsOn: [{ containerName: 'db', condition: 'START' }] })), [[`${c0}/dependsOn/0/containerName`, "Invalid 'dependsOn' setting for container 'a'. Container 'db' is not defined in the task definition."]]],
  ['dependsOn SUCCESS of an essential container', bridge(box({ dependsOn: [{ containerName: 'init', condition: 'SUCCESS' }] }), box({ name: 'init' })), [[`${c0}/dependsOn/0/condition`, 'A dependency container with SUCCESS or COMPLETE condition cannot be an essential container']]],
  ['dependsOn HEALTHY of a container without a health check', bridge(box({ dependsOn: [{ containerName: 'db', condition: 'HEALTHY' }] }), box({ name: 'db' })), [[`${c0}/dependsOn/0/condition`, "Invalid 'dependsOn' setting for container 'a'. The HEALTHY condition needs a healthCheck on container 'db'."]]],
  ['dependsOn itself', bridge(box({ dependsOn: [{ containerName: 'a', condition: 'START' }] })), [[`${c0}/dependsOn/0/containerName`, "Invalid 'dependsOn' setting for container 'a'. A container cannot refer to itself."]]],
  ['dependency cycle a → b → c → a', bridge(
    box({ dependsOn: [{ containerName: 'b', condition: 'START' }] }),
    box({ name: 'b', dependsOn: [{ containerName: 'c', condition: 'START' }] }),
    box({ name: 'c', dependsOn: [{ containerName: 'a', condition: 'START' }] }),
  ), [[`${c0}/dependsOn`, "Invalid 'dependsOn' setting: the container dependencies form a cycle (a → b → c → a)."]]],
  ['link to an unknown container', bridge(box({ links: ['db:database'] })), [[`${c0}/links/0`, "Invalid 'links' setting for container 'a'. Container 'db' is not defined in the task definition."]]],
  ['volumesFrom itself', bridge(box({ volumesFrom: [{ sourceContainer: 'a' }] })), [[`${c0}/volumesFrom/0/sourceContainer`, "Invalid 'volumesFrom' setting for container 'a'. A container cannot refer to itself."]]],
  ['App Mesh proxy container not in the task', { ...bridge(box()), proxyConfiguration: { type: 'APPMESH', containerName: 'envoy' } }, [['/proxyConfiguration/containerName', "Invalid 'proxyConfiguration' setting for task. Container 'envoy' is not defined in the task definition."]]],
  ['mount point on an undeclared volume', bridge(box({ mountPoints: [{ sourceVolume: 'data', containerPath: '/data' }] })), [[`${c0}/mountPoints/0/sourceVolume`, "Invalid 'mountPoints' setting for container 'a'. Volume 'data' is not defined in the task definition's volumes."]]],
  ['volume name with a dot', { ...bridge(box()), volumes: [{ name: 'my.data' }] }, [['/volumes/0/name', 'Volume.name contains invalid characters.']]],
  ['two volumes named alike', { ...bridge(box()), volumes: [{ name: 'data' }, { name: 'data' }] }, [['/volumes/1/name', 'Volume names must be unique within a Task Definition.']]],
  ['EFS access point without transit encryption', { ...bridge(box()), volumes: [{ name: 'shared', efsVolumeConfiguration: { fileSystemId: 'fs-1', authorizationConfig: { accessPointId: 'fsap-1' } } }] }, [['/volumes/0/efsVolumeConfiguration/transitEncryption', "Invalid 'efsVolumeConfiguration' setting for volume 'shared'. An access point or IAM authorization requires transitEncryption ENABLED."]]],
  ['EFS access point with a rootDirectory', { ...bridge(box()), volumes: [{ name: 'shared', efsVolumeConfiguration: { fileSystemId: 'fs-1', rootDirectory: '/data', transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: 'fsap-1' } } }] }, [['/volumes/0/efsVolumeConfiguration/rootDirectory', `Invalid 'efsVolumeConfiguration' setting for volume 'shared'. With an access point, rootDirectory must be omitted or "/".`]]],
  ['secrets without an execution role', bridge(box({ secrets: [{ name: 'DB_PASSWORD', valueFrom: 'arn:aws:ssm:us-east-1:123456789012:parameter/db' }] })), [[`${c0}/secrets`, "When you are specifying container secrets, you must also specify a value for 'executionRoleArn'."]]],
  ['log secretOptions without an execution role', bridge(box({ logConfiguration: { logDriver: 'splunk', secretOptions: [{ name: 'splunk-token', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:t' }] } })), [[`${c0}/logConfiguration/secretOptions`, "Invalid 'logConfiguration.secretOptions' setting for container 'a'. Secrets are read by the task execution role: set executionRoleArn."]]],
  ['secret from an S3 ARN (Secrets Manager or SSM only)', edited(richEc2(), (d) => (d.containerDefinitions[1].secrets[0].valueFrom = 'arn:aws:s3:::bucket/db')), [['/containerDefinitions/1/secrets/0/valueFrom', "Invalid 'secrets' setting for container 'api'. valueFrom 'arn:aws:s3:::bucket/db' is neither a Secrets Manager secret ARN (arn:aws:secretsmanager:us-east-1:123456789012:secret:name), an SSM Parameter Store parameter ARN (arn:aws:ssm:us-east-1:123456789012:parameter/name) nor the name of a parameter in the task's Region."]]],
  ['log secretOption with a space in the parameter name', edited(richEc2(), (d) => (d.containerDefinitions[0].logConfiguration = { logDriver: 'splunk', secretOptions: [{ name: 'splunk-token', valueFrom: 'splunk token' }] })), [['/containerDefinitions/0/logConfiguration/secretOptions/0/valueFrom', "Invalid 'logConfiguration.secretOptions' setting for container 'web'. valueFrom 'splunk token' is neither a Secrets Manager secret ARN (arn:aws:secretsmanager:us-east-1:123456789012:secret:name), an SSM Parameter Store parameter ARN (arn:aws:ssm:us-east-1:123456789012:parameter/name) nor the name of a parameter in the task's Region."]]],
  ['secret named like an environment variable', edited(richEc2(), (d) => (d.containerDefinitions[1].environment.push({ name: 'DB_PASSWORD', value: 'x' }))), [['/containerDefinitions/1/secrets/0/name', "The secret name must be unique and not shared with any new or existing environment variables set on the container, such as 'DB_PASSWORD'."]]],
  ['private registry credentials without an execution role', bridge(box({ image: 'registry.example.com/app:1', repositoryCredentials: { credentialsParameter: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:reg' } })), [[`${c0}/repositoryCredentials`, 'Private repository authentication requires that the task definition specify a value for executionRoleArn.']]],
  ['11 environment files (max 10)', bridge(box({ environmentFiles: Array.from({ length: 11 }, (_, i) => ({ value: `arn:aws:s3:::bucket/${i}.env`, type: 's3' })) })), [[`${c0}/environmentFiles`, "Invalid 'environmentFiles' setting for container 'a'. 11 files given, at most 10 allowed."]]],
  ['environment file that is not an S3 ARN', bridge(box({ environmentFiles: [{ value: 's3://bucket/app.env', type: 's3' }] })), [[`${c0}/environmentFiles/0/value`, "Invalid 'environmentFiles' setting for container 'a'. 's3://bucket/app.env' is not the ARN of an S3 object (arn:aws:s3:::bucket/path/file.env)."]]],
  // tags (InvalidParameterException, as the engine's tag check)
  ['51 tags (max 50)', { ...bridge(box()), tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }, [['/tags', 'A resource can have at most 50 tags; 51 were given.', 'InvalidParameterException']]],
  ['tag key of 129 characters', { ...bridge(box()), tags: [{ key: 'k'.repeat(129), value: 'v' }] }, [['/tags/0/key', 'tags[0] must be {key, value} with a key of 1-128 characters and a string value.', 'InvalidParameterException']]],
  ['tag without a key', { ...bridge(box()), tags: [{ value: 'v' }] }, [['/tags/0/key', 'tags[0] must be {key, value} with a key of 1-128 characters and a string value.', 'InvalidParameterException']]],
  ['tag key with the reserved aws: prefix (any case)', { ...bridge(box()), tags: [{ key: 'AWS:team', value: 'v' }] }, [['/tags/0/key', 'Tag key must not start with aws:', 'InvalidParameterException']]],
  ['tag value of 257 characters', { ...bridge(box()), tags: [{ key: 'k', value: 'v'.repeat(257) }] }, [['/tags/0/value', 'tags[0].value is 257 characters long; a tag value has at most 256.', 'InvalidParameterException']]],
  ['firelensConfiguration without any container on awsfirelens', bridge(box(), box({ name: 'log_router', image: 'amazon/aws-for-fluent-bit', firelensConfiguration: { type: 'fluentbit' } })), [['/containerDefinitions/1/firelensConfiguration', 'When a firelensConfiguration object is specified, at least one container has to be configured with the awsfirelens log driver.']]],
  ['awsfirelens log driver without a log router', bridge(box({ logConfiguration: { logDriver: 'awsfirelens', options: { Name: 'cloudwatch' } } })), [[`${c0}/logConfiguration/logDriver`, 'When awsfirelens log driver is specified in log configuration, a firelens configuration object must be configured in one of the containers.']]],
  ['51 ignored exit codes (max 50)', bridge(box({ restartPolicy: { enabled: true, ignoredExitCodes: Array.from({ length: 51 }, (_, i) => i) } })), [[`${c0}/restartPolicy/ignoredExitCodes`, "Invalid 'restartPolicy.ignoredExitCodes' setting for container 'a'. 51 exit codes given, at most 50 allowed."]]],
  ['101 containerPortRange mappings (max 100)', bridge(box({ portMappings: Array.from({ length: 101 }, (_, i) => ({ containerPortRange: `${10000 + i * 10}-${10000 + i * 10 + 5}` })) })), [[`${c0}/portMappings`, "Invalid 'portMappings' setting for container 'a'. 101 containerPortRange mappings given, at most 100 allowed."]]],
  ['awslogs without region and group', bridge(box({ logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-stream-prefix': 'a' } } })), [[`${c0}/logConfiguration/options`, 'Log driver awslogs requires options: awslogs-region, awslogs-group']]],
  ['awslogs without group', bridge(box({ logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-region': 'us-east-1' } } })), [[`${c0}/logConfiguration/options`, 'Log driver awslogs requires options: awslogs-group']]],
];

describe('ECS RegisterTaskDefinition rules', () => {
  it.each(rows)('%s', (_rule, doc, errors) => {
    // Quick fixes are proved in fixes.test.ts; here the error itself.
    const result = validateTaskDefinition(doc);
    expect(result.valid).toBe(false);
    expect(result.errors.map(({ path, code, message }) => ({ path, code, message }))).toEqual(
      errors.map(([path, message, code]) => ({ path, code: code ?? 'ClientException', message })),
    );
  });

  it('lists every violation, in the order of the rule table', () => {
    const doc = { family: 'bad family', containerDefinitions: [{ name: 'a' }] };
    expect(validateTaskDefinition(doc).errors.map((e) => e.message)).toEqual([
      'Family contains invalid characters.',
      'Container.image should not be null or empty.',
      "Invalid setting for container 'a'. At least one of 'memory' or 'memoryReservation' must be specified.",
    ]);
  });

  it.each(RULES.map(([name, rule]) => [name, rule] as const))('rule %s is exercised by at least one row above', (_name, rule) => {
    const fired = rows.some(([, doc]) => {
      const parsed = RegisterTaskDefinitionInputSchema.safeParse(doc);
      return parsed.success && rule(ruleContext(parsed.data)).length > 0;
    });
    expect(fired).toBe(true);
  });

  it('the default nginx definition breaks no rule', () => {
    expect(validateTaskDefinition(nginxWeb()).valid).toBe(true);
  });
});
