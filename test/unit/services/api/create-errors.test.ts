// Proves CreateService refuses every invalid declaration with AWS's error code and wording (or the
// sandbox's sentence, with its numbers, where AWS's is not known), one case per check of
// services/request.ts and commands/services.ts — and that each refusal creates nothing.
import { describe, expect, it } from 'vitest';
import { AWSVPC, create, errorOf, world, type World } from './helpers.ts';

type Case = [name: string, request: (w: World) => Record<string, unknown>, code: string, message: string | RegExp];

const CASES: Case[] = [
  // request shape (botocore)
  ['missing serviceName', () => ({ serviceName: undefined }), 'ParamValidationError', /Missing required parameter in input: "serviceName"/],
  ['unknown parameter', () => ({ desiredcount: 1 }), 'ParamValidationError', /Unknown parameter in input: "desiredcount"/],
  ['desiredCount as a string', () => ({ desiredCount: '2' }), 'ParamValidationError', /Invalid type for parameter desiredCount, value: 2, type: <class 'str'>/],
  ['deploymentConfiguration unknown member', () => ({ deploymentConfiguration: { maxPercent: 150 } }), 'ParamValidationError', /Unknown parameter in deploymentConfiguration: "maxPercent"/],
  ['maximumPercent as a float', () => ({ deploymentConfiguration: { maximumPercent: 150.5 } }), 'ParamValidationError', /deploymentConfiguration\.maximumPercent, value: 150\.5, type: <class 'float'>/],
  // cluster, name, unsupported features
  ['unknown cluster', () => ({ cluster: 'nope' }), 'ClusterNotFoundException', 'Cluster not found.'],
  ['bad service name', () => ({ serviceName: 'web app' }), 'InvalidParameterException', /Service name "web app" is invalid/],
  ['capacity provider strategy naming a provider the cluster does not have', () => ({ capacityProviderStrategy: [{ capacityProvider: 'FARGATE' }] }), 'InvalidParameterException', /not associated with the cluster/],
  ['service registries', () => ({ serviceRegistries: [{ registryArn: 'x' }] }), 'InvalidParameterException', /Cloud Map/],
  ['CODE_DEPLOY controller', () => ({ deploymentController: { type: 'CODE_DEPLOY' } }), 'InvalidParameterException', /rolling updates \(deploymentController type ECS\) only; "CODE_DEPLOY"/],
  ['EXTERNAL launch type with a load balancer', () => ({ launchType: 'EXTERNAL', loadBalancers: [{ targetGroupArn: 'arn:aws:elasticloadbalancing:us-east-1:123456789012:targetgroup/x/1', containerName: 'web', containerPort: 80 }] }), 'InvalidParameterException', /Service load balancing isn't supported/],
  ['bad launch type', () => ({ launchType: 'SPOT' }), 'InvalidParameterException', 'launchType must be EC2, FARGATE or EXTERNAL, not "SPOT".'],
  ['bad scheduling strategy', () => ({ schedulingStrategy: 'SINGLETON' }), 'InvalidParameterException', 'schedulingStrategy must be REPLICA or DAEMON, not "SINGLETON".'],
  ['bad propagateTags', () => ({ propagateTags: 'ALL' }), 'InvalidParameterException', 'propagateTags must be NONE or SERVICE or TASK_DEFINITION, not "ALL".'],
  // task definition
  ['no task definition', () => ({ taskDefinition: undefined }), 'InvalidParameterException', /taskDefinition is required/],
  ['unknown task definition', () => ({ taskDefinition: 'nope' }), 'ClientException', 'TaskDefinition not found.'],
  ['unknown revision', () => ({ taskDefinition: 'web:9' }), 'ClientException', 'TaskDefinition not found.'],
  ['malformed reference', () => ({ taskDefinition: 'web:x:y' }), 'ClientException', /is not a task definition reference/],
  ['EC2-only task definition on Fargate', () => ({ launchType: 'FARGATE', networkConfiguration: AWSVPC }), 'InvalidParameterException', 'Task definition does not support launch_type FARGATE.'],
  // scheduling strategy and desired count
  ['REPLICA without desiredCount', () => ({ desiredCount: undefined }), 'InvalidParameterException', /desiredCount is required for a REPLICA service/],
  ['negative desiredCount', () => ({ desiredCount: -1 }), 'InvalidParameterException', 'desiredCount must be between 0 and 5000 (the tasks-per-service quota), not -1.'],
  ['desiredCount above the quota', () => ({ desiredCount: 5001 }), 'InvalidParameterException', /not 5001/],
  ['DAEMON with desiredCount', () => ({ schedulingStrategy: 'DAEMON' }), 'InvalidParameterException', 'The daemon scheduling strategy does not support a desired count for services. Remove the desired count value and try again'],
  ['DAEMON on Fargate', () => ({ schedulingStrategy: 'DAEMON', desiredCount: undefined, taskDefinition: 'api', launchType: 'FARGATE', networkConfiguration: AWSVPC }), 'InvalidParameterException', /Fargate launch type .* don't support the daemon scheduling strategy/],
  ['DAEMON with a placement strategy', () => ({ schedulingStrategy: 'DAEMON', desiredCount: undefined, placementStrategy: [{ type: 'binpack', field: 'memory' }] }), 'InvalidParameterException', 'The daemon scheduling strategy does not support placement strategies. Remove the placement strategy and try again'],
  ['DAEMON with maximumPercent 200', () => ({ schedulingStrategy: 'DAEMON', desiredCount: undefined, deploymentConfiguration: { maximumPercent: 200 } }), 'InvalidParameterException', /does not support values above 100 for maximumPercent/],
  // deployment configuration
  ['minimumHealthyPercent 101', () => ({ deploymentConfiguration: { minimumHealthyPercent: 101 } }), 'InvalidParameterException', /minimumHealthyPercent must be between 0 and 100, not 101/],
  ['minimumHealthyPercent -5', () => ({ deploymentConfiguration: { minimumHealthyPercent: -5 } }), 'InvalidParameterException', /not -5/],
  ['maximumPercent -1', () => ({ deploymentConfiguration: { maximumPercent: -1 } }), 'InvalidParameterException', /maximumPercent must be between 0 and 2147483647, not -1/],
  ['min > max', () => ({ deploymentConfiguration: { minimumHealthyPercent: 80, maximumPercent: 50 } }), 'InvalidParameterException', /minimumHealthyPercent \(80\) is greater than maximumPercent \(50\)/],
  ['100/100 blocks deployments', () => ({ deploymentConfiguration: { minimumHealthyPercent: 100, maximumPercent: 100 } }), 'InvalidParameterException', 'Both maximumPercent and minimumHealthyPercent cannot be 100 as this will block deployments.'],
  ['circuit breaker without rollback', () => ({ deploymentConfiguration: { deploymentCircuitBreaker: { enable: true } } }), 'ParamValidationError', /Missing required parameter in deploymentConfiguration\.deploymentCircuitBreaker: "rollback"/],
  ['circuit breaker enable as a string', () => ({ deploymentConfiguration: { deploymentCircuitBreaker: { enable: 'yes', rollback: false } } }), 'ParamValidationError', /Invalid type for parameter deploymentConfiguration\.deploymentCircuitBreaker\.enable, value: yes, type: <class 'str'>, valid types: <class 'bool'>/],
  // platform version
  ['platformVersion on EC2', () => ({ platformVersion: 'LATEST' }), 'InvalidParameterException', 'The platform version must be null when specifying an EC2 launch type.'],
  ['unknown platform version', () => ({ taskDefinition: 'api', launchType: 'FARGATE', platformVersion: '1.2.0', networkConfiguration: AWSVPC }), 'PlatformUnknownException', /The specified platform version does not exist/],
  // network configuration
  ['awsvpc without networkConfiguration', () => ({ taskDefinition: 'api' }), 'InvalidParameterException', "Network Configuration must be provided when networkMode 'awsvpc' is specified."],
  ['Fargate without networkConfiguration', () => ({ taskDefinition: 'api', launchType: 'FARGATE' }), 'InvalidParameterException', "Network Configuration must be provided when networkMode 'awsvpc' is specified."],
  ['networkConfiguration with bridge', () => ({ networkConfiguration: AWSVPC }), 'InvalidParameterException', 'Network Configuration is not valid for the given networkMode of this task definition.'],
  ['unknown subnet', () => ({ taskDefinition: 'api', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-nope'] } } }), 'InvalidParameterException', /The subnet ID 'subnet-nope' does not exist/],
  ['public IP on EC2', () => ({ taskDefinition: 'api', networkConfiguration: { awsvpcConfiguration: { subnets: ['subnet-us-east-1a'], assignPublicIp: 'ENABLED' } } }), 'InvalidParameterException', 'Assign public IP is not supported for this launch type.'],
  // placement
  ['strategies on Fargate', () => ({ taskDefinition: 'api', launchType: 'FARGATE', networkConfiguration: AWSVPC, placementStrategy: [{ type: 'random' }] }), 'InvalidParameterException', 'Placement strategies are not supported with FARGATE launch type.'],
  ['constraints on Fargate', () => ({ taskDefinition: 'api', launchType: 'FARGATE', networkConfiguration: AWSVPC, placementConstraints: [{ type: 'distinctInstance' }] }), 'InvalidParameterException', 'Placement constraints are not supported with FARGATE launch type.'],
  ['six strategies', () => ({ placementStrategy: Array.from({ length: 6 }, () => ({ type: 'random' })) }), 'InvalidParameterException', /6/],
  ['bad memberOf expression', () => ({ placementConstraints: [{ type: 'memberOf', expression: 'attribute:ecs.instance-type ==' }] }), 'InvalidParameterException', /memberOf|expression/],
  // load balancers
  ['load balancer not an object', () => ({ loadBalancers: ['web-tg'] }), 'ParamValidationError', /Invalid type for parameter loadBalancers\[0\], value: web-tg, type: <class 'str'>, valid types: <class 'dict'>/],
  ['load balancer unknown member and port as a string', (w) => ({ loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: '80', port: 80 }] }), 'ParamValidationError', /Unknown parameter in loadBalancers\[0\]: "port"[\s\S]*Invalid type for parameter loadBalancers\[0\]\.containerPort, value: 80, type: <class 'str'>/],
  ['load balancer without container name', (w) => ({ loadBalancers: [{ targetGroupArn: w.instanceTg, containerPort: 80 }] }), 'InvalidParameterException', 'Container Name can not be blank.'],
  ['load balancer without container port', (w) => ({ loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web' }] }), 'InvalidParameterException', /loadBalancers\[0\]\.containerPort is required/],
  ['load balancer naming both kinds', (w) => ({ loadBalancers: [{ targetGroupArn: w.instanceTg, loadBalancerName: 'clb', containerName: 'web', containerPort: 80 }] }), 'InvalidParameterException', /exactly one of targetGroupArn .* and loadBalancerName/],
  ['container not in the task definition', (w) => ({ loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'nginx', containerPort: 80 }] }), 'InvalidParameterException', 'The container nginx does not exist in the task definition.'],
  ['container port not mapped', (w) => ({ loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 8080 }] }), 'InvalidParameterException', 'The container web did not have a container port 8080 defined.'],
  ['target group that does not exist', (w) => ({ loadBalancers: [{ targetGroupArn: `${w.instanceTg}x`, containerName: 'web', containerPort: 80 }] }), 'InvalidParameterException', /^The target group arn:aws:elasticloadbalancing:.*x does not exist\.$/],
  ['target group without a load balancer', (w) => ({ loadBalancers: [{ targetGroupArn: w.looseTg, containerName: 'web', containerPort: 80 }] }), 'InvalidParameterException', /^The target group with targetGroupArn arn:aws:elasticloadbalancing:.*loose-tg.* does not have an associated load balancer\.$/],
  ['ip target group for bridge tasks', (w) => ({ loadBalancers: [{ targetGroupArn: w.ipTg, containerName: 'web', containerPort: 80 }] }), 'InvalidParameterException', /^The provided target group .*api-tg.* has target type ip, which is incompatible with the bridge network mode specified in the task definition\.$/],
  ['instance target group for awsvpc tasks', (w) => ({ taskDefinition: 'api', networkConfiguration: AWSVPC, loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'api', containerPort: 8080 }] }), 'InvalidParameterException', /has target type instance, which is incompatible with the awsvpc network mode/],
  ['instance target group for Fargate tasks', (w) => ({ taskDefinition: 'api', launchType: 'FARGATE', networkConfiguration: AWSVPC, loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'api', containerPort: 8080 }] }), 'InvalidParameterException', /has target type instance, which is incompatible with the awsvpc network mode/],
  ['six target groups', (w) => ({ loadBalancers: Array.from({ length: 6 }, () => ({ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 })) }), 'InvalidParameterException', 'A service can use at most 5 target groups (a service quota); 6 were given.'],
  ['two Classic Load Balancers', () => ({ taskDefinition: 'static', loadBalancers: [{ loadBalancerName: 'a', containerName: 'static', containerPort: 80 }, { loadBalancerName: 'b', containerName: 'static', containerPort: 80 }] }), 'InvalidParameterException', /at most 1 Classic Load Balancer .* 2 were given/],
  ['Classic and target group together', (w) => ({ taskDefinition: 'static', loadBalancers: [{ loadBalancerName: 'a', containerName: 'static', containerPort: 80 }, { targetGroupArn: w.instanceTg, containerName: 'static', containerPort: 80 }] }), 'InvalidParameterException', /either one Classic Load Balancer or up to 5 target groups/],
  ['Classic on Fargate', () => ({ taskDefinition: 'api', launchType: 'FARGATE', networkConfiguration: AWSVPC, loadBalancers: [{ loadBalancerName: 'clb', containerName: 'api', containerPort: 8080 }] }), 'InvalidParameterException', /Classic Load Balancers are not supported with the FARGATE launch type/],
  ['Classic with awsvpc on EC2', () => ({ taskDefinition: 'api', networkConfiguration: AWSVPC, loadBalancers: [{ loadBalancerName: 'clb', containerName: 'api', containerPort: 8080 }] }), 'InvalidParameterException', /Classic Load Balancers do not support tasks in the awsvpc network mode/],
  ['Classic with a dynamic host port', () => ({ loadBalancers: [{ loadBalancerName: 'clb', containerName: 'web', containerPort: 80 }] }), 'InvalidParameterException', 'A host port mapping for the container port 80 is required.'],
  ['Classic that does not exist', () => ({ taskDefinition: 'static', loadBalancers: [{ loadBalancerName: 'clb', containerName: 'static', containerPort: 80 }] }), 'InvalidParameterException', 'The load balancer clb does not exist.'],
  // grace period and role
  ['grace period without load balancers', () => ({ healthCheckGracePeriodSeconds: 60 }), 'InvalidParameterException', 'Health check grace period is only valid for services configured to use load balancers'],
  ['negative grace period', (w) => ({ healthCheckGracePeriodSeconds: -1, loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 }] }), 'InvalidParameterException', /between 0 and 2147483647 seconds, not -1/],
  ['role without load balancers', () => ({ role: 'ecsServiceRole' }), 'InvalidParameterException', 'IAM roles are only valid for services configured to use load balancers.'],
  ['role with awsvpc', (w) => ({ role: 'ecsServiceRole', taskDefinition: 'api', networkConfiguration: AWSVPC, loadBalancers: [{ targetGroupArn: w.ipTg, containerName: 'api', containerPort: 8080 }] }), 'InvalidParameterException', /must not specify a role/],
  ['role that does not exist', (w) => ({ role: 'ecsServiceRole', loadBalancers: [{ targetGroupArn: w.instanceTg, containerName: 'web', containerPort: 80 }] }), 'InvalidParameterException', /^Unable to assume role and validate the specified targetGroupArn\..*no IAM role ecsServiceRole/],
  // tags
  ['51 tags', () => ({ tags: Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, value: 'v' })) }), 'InvalidParameterException', 'A resource can have at most 50 tags; 51 were given.'],
];

describe('CreateService refusals', () => {
  it.each(CASES)('%s', (_name, request, code, message) => {
    const w = world();
    const before = JSON.stringify(w.engine.snapshot());
    const error = errorOf(create(w.engine, request(w)));
    expect(error.code).toBe(code);
    if (typeof message === 'string') expect(error.message).toBe(message);
    else expect(error.message).toMatch(message);
    expect(JSON.stringify(w.engine.snapshot())).toBe(before);
  });
});
