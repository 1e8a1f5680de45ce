/** How Application Auto Scaling and the sim: actions name an ECS service. */
import type { Service } from '../../../../workers/protocol.ts';

/** `arn:aws:ecs:…:cluster/demo` → `demo`. */
export function clusterNameOf(service: Service): string {
  return service.clusterArn.slice(service.clusterArn.lastIndexOf('/') + 1);
}

/** The scalable target's ResourceId: `service/<cluster>/<service>`. */
export function resourceIdOf(service: Service): string {
  return `service/${clusterNameOf(service)}/${service.serviceName}`;
}
