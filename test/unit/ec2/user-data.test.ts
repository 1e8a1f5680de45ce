// The ECS agent's settings read from user data (plain or base64), as ecs.config lines.
import { describe, expect, it } from 'vitest';
import { agentConfigOf, userDataText } from '../../../workers/engine/ec2/user-data.ts';

describe('agentConfigOf', () => {
  it('reads ECS_CLUSTER from a plain-text script', () => {
    expect(agentConfigOf('#!/bin/bash\necho ECS_CLUSTER=prod >> /etc/ecs/ecs.config').cluster).toBe('prod');
  });
  it('reads it from base64 user data, as the API carries it', () => {
    const data = btoa('#!/bin/bash\necho "ECS_CLUSTER=web" >> /etc/ecs/ecs.config\necho ECS_ENABLE_SPOT_INSTANCE_DRAINING=true >> /etc/ecs/ecs.config');
    expect(agentConfigOf(data)).toEqual({ cluster: 'web', spotInstanceDraining: true });
  });
  it('joins `default` without ECS_CLUSTER (or with none at all), and leaves Spot draining off', () => {
    expect(agentConfigOf(undefined)).toEqual({ cluster: 'default', spotInstanceDraining: false });
    expect(agentConfigOf(btoa('#!/bin/bash\nyum update -y'))).toEqual({ cluster: 'default', spotInstanceDraining: false });
  });
  it('takes the last line when the setting is written twice (appended ecs.config lines)', () => {
    expect(agentConfigOf('ECS_CLUSTER=a\nECS_CLUSTER=b').cluster).toBe('b');
  });
  it('reads quoted values and a heredoc body', () => {
    expect(agentConfigOf("cat <<'EOF' >> /etc/ecs/ecs.config\nECS_CLUSTER='blue'\nEOF").cluster).toBe('blue');
  });
  it('leaves text that is not base64 as it is', () => {
    expect(userDataText('hello world')).toBe('hello world');
  });
});
