// Proves references in place of generated ids: ${loadBalancer:…}, ${targetGroup:…},
// ${listener:…:port} and ${role:…} become ARNs before a command runs (only whole string values,
// anywhere in the request), and a reference to nothing is refused with InvalidReference and a
// sentence saying what to create, leaving the state untouched.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../workers/engine/index.ts';
import { resolveReferences } from '../../../workers/engine/references.ts';
import { emptyState } from '../../../workers/engine/state.ts';
import { errorOf, responseOf } from './helpers.ts';

function withAlb() {
  const engine = createEngine({ seed: 9 });
  const lb = responseOf<any>(engine.dispatch({ 'elbv2:CreateLoadBalancer': { Name: 'web-alb', Subnets: ['subnet-us-east-1a', 'subnet-us-east-1b'] } })).LoadBalancers[0].LoadBalancerArn;
  const tg = responseOf<any>(engine.dispatch({ 'elbv2:CreateTargetGroup': { Name: 'web-tg', Protocol: 'HTTP', Port: 80, VpcId: 'vpc-default' } })).TargetGroups[0].TargetGroupArn;
  return { engine, lb, tg };
}

describe('references', () => {
  it('a listener created from names forwards to the right ARNs, and ${listener:…} finds it', () => {
    const { engine, lb, tg } = withAlb();
    const listener = responseOf<any>(engine.dispatch({
      'elbv2:CreateListener': { LoadBalancerArn: '${loadBalancer:web-alb}', Protocol: 'HTTP', Port: 80, DefaultActions: [{ Type: 'forward', TargetGroupArn: '${targetGroup:web-tg}' }] },
    })).Listeners[0];
    expect(listener.LoadBalancerArn).toBe(lb);
    expect(listener.DefaultActions[0].TargetGroupArn).toBe(tg);
    const described = responseOf<any>(engine.dispatch({ 'elbv2:DescribeListeners': { ListenerArns: ['${listener:web-alb:80}'] } }));
    expect(described.Listeners[0].ListenerArn).toBe(listener.ListenerArn);
  });

  it('refuses a reference to nothing, or an unknown kind, and changes nothing', () => {
    const { engine } = withAlb();
    const before = JSON.stringify(engine.snapshot());
    const missing = errorOf(engine.dispatch({ 'elbv2:DescribeTargetGroups': { TargetGroupArns: ['${targetGroup:api-tg}'] } }));
    expect(missing).toEqual({ code: 'InvalidReference', message: '${targetGroup:api-tg} names no target group: create one named api-tg first (elbv2:CreateTargetGroup).' });
    expect(errorOf(engine.dispatch({ 'elbv2:DescribeListeners': { ListenerArns: ['${listener:web-alb:81}'] } })).message).toContain('has no listener on port 81');
    expect(errorOf(engine.dispatch({ 'elbv2:DescribeListeners': { ListenerArns: ['${listener:web-alb}'] } })).message).toContain('${listener:web-alb:80}');
    expect(errorOf(engine.dispatch({ 'ecs:DescribeClusters': { clusters: ['${bucket:x}'] } })).message).toContain('not a reference the sandbox knows');
    expect(JSON.stringify(engine.snapshot())).toBe(before);
  });

  it('leaves strings that merely contain ${ alone, and returns the same object when nothing is replaced', () => {
    const request = { a: ['x', { b: 'echo ${HOME}' }], c: 'prefix ${role:x}' };
    const result = resolveReferences(emptyState(1), request);
    expect(result).toEqual({ ok: true, value: request });
    expect(result.ok && result.value).toBe(request);
  });

  it('resolves an IAM role by name', () => {
    const engine = createEngine({ seed: 2 });
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }] };
    const arn = responseOf<any>(engine.dispatch({ 'iam:CreateRole': { RoleName: 'app', AssumeRolePolicyDocument: trust } })).Role.Arn;
    const td = responseOf<any>(engine.dispatch({
      'ecs:RegisterTaskDefinition': { family: 'app', taskRoleArn: '${role:app}', containerDefinitions: [{ name: 'app', image: 'app:1', memory: 128 }] },
    })).taskDefinition;
    expect(td.taskRoleArn).toBe(arn);
  });
});

describe('references to Auto Scaling (issue 6)', () => {
  it('${autoScalingGroup:…} and ${scalingPolicy:group:policy} become ARNs; unknown names are refused with what to create', () => {
    const state = emptyState(1);
    state.autoscaling = {
      groups: new Map([['web-asg', { arn: 'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:u1:autoScalingGroupName/web-asg' } as never]]),
      policies: new Map([['p', { arn: 'arn:aws:autoscaling:…:policyName/out', groupName: 'web-asg', name: 'out' } as never]]),
      activities: [],
      nextActivity: 1,
    };
    const resolved = resolveReferences(state, { a: '${autoScalingGroup:web-asg}', b: ['${scalingPolicy:web-asg:out}'] });
    expect(resolved).toEqual({ ok: true, value: { a: state.autoscaling.groups.get('web-asg')!.arn, b: ['arn:aws:autoscaling:…:policyName/out'] } });
    const noGroup = resolveReferences(state, { a: '${autoScalingGroup:nope}' });
    expect(noGroup).toEqual({ ok: false, message: expect.stringContaining('names no Auto Scaling group: create one named nope first (autoscaling:CreateAutoScalingGroup)') });
    const badPolicy = resolveReferences(state, { a: '${scalingPolicy:web-asg}' });
    expect(badPolicy).toEqual({ ok: false, message: expect.stringContaining('write a scaling policy as ${scalingPolicy:<group name>:<policy name>}') });
    const noPolicy = resolveReferences(state, { a: '${scalingPolicy:web-asg:in}' });
    expect(noPolicy).toEqual({ ok: false, message: expect.stringContaining('names no scaling policy in of group web-asg') });
  });
});

describe('${albResourceLabel:<lb>/<tg>} (ALBRequestCountPerTarget policies in scenario files)', () => {
  it('becomes app/<lb-name>/<lb-id>/targetgroup/<tg-name>/<tg-id> from the two ARNs', () => {
    const { engine, lb, tg } = withAlb();
    // DescribeClusters echoes a name it does not know in its failures: the resolved string.
    const echoed = responseOf<any>(engine.dispatch({ 'ecs:DescribeClusters': { clusters: ['${albResourceLabel:web-alb/web-tg}'] } })).failures[0].arn;
    const label = `${lb.slice(lb.indexOf(':loadbalancer/') + 14)}/${tg.slice(tg.lastIndexOf(':') + 1)}`;
    expect(label).toMatch(/^app\/web-alb\/[0-9a-f]+\/targetgroup\/web-tg\/[0-9a-f]+$/);
    expect(echoed).toContain(label);
  });

  it('refuses a malformed label or names that do not exist, saying what to write or create', () => {
    const { engine } = withAlb();
    const message = (text: string) => errorOf(engine.dispatch({ 'ecs:DescribeClusters': { clusters: [text] } })).message;
    expect(message('${albResourceLabel:web-alb}')).toContain('${albResourceLabel:web-alb/web-tg}');
    expect(message('${albResourceLabel:api-alb/web-tg}')).toBe('${albResourceLabel:api-alb/web-tg} names no load balancer api-alb: create it first (elbv2:CreateLoadBalancer).');
    expect(message('${albResourceLabel:web-alb/api-tg}')).toBe('${albResourceLabel:web-alb/api-tg} names no target group api-tg: create it first (elbv2:CreateTargetGroup).');
  });
});
