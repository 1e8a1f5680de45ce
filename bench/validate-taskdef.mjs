// Measures the validation budget of issue 3: "Validating a 10-container task definition ≤ 2 ms
// (median)". Two realistic definitions, each valid (a valid one runs every rule to the end):
//   ec2      10 containers on the bridge — ports (static and dynamic), environment, secrets,
//            dependsOn chains with health checks, awslogs, mount points, ulimits
//   fargate  10 containers in awsvpc with a size from the table, ECR images and an execution role
// validateTaskDefinition is loaded from the TypeScript source through tsx's API. After 50 warm-up
// calls each, ≥ 200 timed calls per definition; the figure is the larger of the two medians.
//
// Usage: node bench/validate-taskdef.mjs [runs]
// The last stdout line is JSON: {name, median, unit, budget, runs, medians}; exit 1 when over budget.
import { register } from 'tsx/esm/api';
import { median } from './support.mjs';

const BUDGET_MS = 2;
const RUNS = Math.max(200, Number(process.argv[2] ?? 500));
const WARMUP = 50;

register();
const { validateTaskDefinition } = await import('../workers/engine/taskdef/index.ts');

const ACCOUNT = '123456789012';
const ecr = (repo, tag) => `${ACCOUNT}.dkr.ecr.us-east-1.amazonaws.com/${repo}:${tag}`;
const logs = (name) => ({
  logDriver: 'awslogs',
  options: { 'awslogs-group': '/ecs/shop', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': name },
});
const health = (cmd) => ({ command: ['CMD-SHELL', cmd], interval: 15, timeout: 5, retries: 3, startPeriod: 30 });
const env = (n, prefix) => Array.from({ length: n }, (_, i) => ({ name: `${prefix}_${i}`, value: `value-${i}` }));

function container(i, fargate) {
  const name = ['web', 'api', 'worker', 'cache', 'db-migrate', 'auth', 'search', 'metrics', 'mailer', 'proxy'][i];
  const c = {
    name,
    image: fargate || i % 2 === 0 ? ecr(name, `1.${i}.0`) : `public.ecr.aws/docker/library/nginx:1.27`,
    cpu: 128,
    memory: fargate ? 512 : 256 + i * 32,
    memoryReservation: 128,
    essential: name !== 'db-migrate',
    portMappings: [{ containerPort: 8000 + i, hostPort: fargate ? 8000 + i : i < 3 ? 8000 + i : 0, protocol: 'tcp', name: `${name}-http`, appProtocol: 'http' }],
    environment: env(8, name.toUpperCase().replace('-', '_')),
    secrets: [
      { name: 'DB_PASSWORD', valueFrom: `arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:shop/db-AbCdEf` },
      { name: 'API_KEY', valueFrom: `arn:aws:ssm:us-east-1:${ACCOUNT}:parameter/shop/${name}/api-key` },
    ],
    healthCheck: health(`curl -f http://localhost:${8000 + i}/health || exit 1`),
    logConfiguration: logs(name),
    mountPoints: [{ sourceVolume: 'shared', containerPath: '/shared', readOnly: i > 0 }],
    ulimits: [{ name: 'nofile', softLimit: 65536, hardLimit: 65536 }],
    stopTimeout: 30,
    dockerLabels: { team: 'shop', service: name },
  };
  // A dependency chain: api waits for cache HEALTHY and db-migrate SUCCESS; the rest wait for api.
  if (name === 'api') c.dependsOn = [{ containerName: 'cache', condition: 'HEALTHY' }, { containerName: 'db-migrate', condition: 'SUCCESS' }];
  else if (i > 4) c.dependsOn = [{ containerName: 'api', condition: 'HEALTHY' }];
  return c;
}

const ec2 = {
  family: 'shop-ec2',
  taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/shopTaskRole`,
  executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
  networkMode: 'bridge',
  requiresCompatibilities: ['EC2'],
  containerDefinitions: Array.from({ length: 10 }, (_, i) => container(i, false)),
  volumes: [{ name: 'shared', host: { sourcePath: '/srv/shop' } }],
  placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type =~ t3.*' }],
  tags: [{ key: 'team', value: 'shop' }],
};

const fargate = {
  family: 'shop-fargate',
  taskRoleArn: `arn:aws:iam::${ACCOUNT}:role/shopTaskRole`,
  executionRoleArn: `arn:aws:iam::${ACCOUNT}:role/ecsTaskExecutionRole`,
  networkMode: 'awsvpc',
  requiresCompatibilities: ['FARGATE'],
  cpu: '2 vCPU',
  memory: '8 GB',
  runtimePlatform: { operatingSystemFamily: 'LINUX', cpuArchitecture: 'ARM64' },
  ephemeralStorage: { sizeInGiB: 50 },
  containerDefinitions: Array.from({ length: 10 }, (_, i) => container(i, true)),
  volumes: [{ name: 'shared', efsVolumeConfiguration: { fileSystemId: 'fs-12345678', transitEncryption: 'ENABLED', authorizationConfig: { accessPointId: 'fsap-1234', iam: 'ENABLED' } } }],
};


function measure(label, doc) {
  const first = validateTaskDefinition(doc);
  if (!first.valid) {
    console.error(`${label}: the benchmark definition is not valid:`, JSON.stringify(first.errors, null, 2));
    process.exit(2);
  }
  for (let i = 0; i < WARMUP; i++) validateTaskDefinition(doc);
  const times = [];
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now();
    validateTaskDefinition(doc);
    times.push(performance.now() - started);
  }
  const m = median(times);
  const p95 = [...times].sort((a, b) => a - b)[Math.floor(times.length * 0.95)];
  console.log(`${label}: ${JSON.stringify(doc).length} bytes, median ${m.toFixed(3)} ms, p95 ${p95.toFixed(3)} ms over ${RUNS} runs`);
  return m;
}

const medians = { ec2: measure('ec2 (10 containers, bridge)', ec2), fargate: measure('fargate (10 containers, awsvpc)', fargate) };
const worst = Math.max(medians.ec2, medians.fargate);
const round = (ms) => Math.round(ms * 1000) / 1000;
console.log(
  JSON.stringify({
    name: 'validate-taskdef',
    median: round(worst),
    unit: 'ms',
    budget: BUDGET_MS,
    runs: RUNS,
    medians: { ec2: round(medians.ec2), fargate: round(medians.fargate) },
  }),
);
process.exit(worst <= BUDGET_MS ? 0 : 1);
