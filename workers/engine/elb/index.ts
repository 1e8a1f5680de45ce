/**
 * Elastic Load Balancing v2 for the rest of the engine (the service scheduler registers and
 * deregisters task targets through these; the UI reads the snapshot). The elbv2 API commands are
 * in ../commands/elbv2.ts.
 */
export { elbOf, targetKey, drainSeconds, loadBalancersOf, type ElbState, type TargetGroupRecord, type TargetRecord, type LoadBalancerRecord, type ListenerRecord } from './model.ts';
export { registerTarget, deregisterTarget, isTargetHealthy, describeTarget, isInUse, armHealthChecks } from './health.ts';
export { probeTarget, probeIndex, taskOnInstancePort, type ProbeVerdict } from './probe.ts';
export { routeRequests, type RoutingResult } from './routing.ts';
export { targetsOfTask, targetGroupByArn, taskLoadBalancerHealth, loadBalancerHealthOf, type TaskLoadBalancerHealth } from './task-targets.ts';
