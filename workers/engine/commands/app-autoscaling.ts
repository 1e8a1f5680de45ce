/** PLACEHOLDER (issue 7 contract): the owner replaces each handler with the real one. */
import { notBuiltYet } from './placeholder.ts';
import type { CommandHandler } from './handler.ts';

export const aasRegisterScalableTarget: CommandHandler = notBuiltYet('application-autoscaling:RegisterScalableTarget');
export const aasDeregisterScalableTarget: CommandHandler = notBuiltYet('application-autoscaling:DeregisterScalableTarget');
export const aasDescribeScalableTargets: CommandHandler = notBuiltYet('application-autoscaling:DescribeScalableTargets');
export const aasPutScalingPolicy: CommandHandler = notBuiltYet('application-autoscaling:PutScalingPolicy');
export const aasDeleteScalingPolicy: CommandHandler = notBuiltYet('application-autoscaling:DeleteScalingPolicy');
export const aasDescribeScalingPolicies: CommandHandler = notBuiltYet('application-autoscaling:DescribeScalingPolicies');
export const aasPutScheduledAction: CommandHandler = notBuiltYet('application-autoscaling:PutScheduledAction');
export const aasDeleteScheduledAction: CommandHandler = notBuiltYet('application-autoscaling:DeleteScheduledAction');
export const aasDescribeScheduledActions: CommandHandler = notBuiltYet('application-autoscaling:DescribeScheduledActions');
export const aasDescribeScalingActivities: CommandHandler = notBuiltYet('application-autoscaling:DescribeScalingActivities');
