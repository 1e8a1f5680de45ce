/**
 * The commands the worker has from its first moment: what the default scenario's setup runs and
 * what a learner does first (clusters, container instances, task definitions, RunTask, tasks).
 * Every other command (IAM, ECR, attributes, account settings, EC2, the explainer, …) comes in one
 * lazy chunk with the full table (commands/index.ts), loaded right after the sandbox is live
 * (workers/worker-commands.ts). Node gets everything at once (engine/index.ts), whose table starts
 * from this one.
 */
import type { ActionName } from '../actions.ts';
import { createCluster, describeClusters, listClusters } from './clusters.ts';
import { addContainerInstances, describeContainerInstances, listContainerInstances } from './container-instances.ts';
import type { CommandHandler } from './handler.ts';
import { runTask } from './run-task.ts';
import { deregisterTaskDefinition, describeTaskDefinition, listTaskDefinitions, registerTaskDefinition } from './task-definitions.ts';
import { describeTasks, listTasks, stopTask } from './tasks.ts';

export const CORE_COMMANDS = {
  'ecs:CreateCluster': createCluster,
  'ecs:DescribeClusters': describeClusters,
  'ecs:ListClusters': listClusters,
  'ecs:RegisterTaskDefinition': registerTaskDefinition,
  'ecs:DescribeTaskDefinition': describeTaskDefinition,
  'ecs:ListTaskDefinitions': listTaskDefinitions,
  'ecs:DeregisterTaskDefinition': deregisterTaskDefinition,
  'ecs:RunTask': runTask,
  'ecs:StopTask': stopTask,
  'ecs:DescribeTasks': describeTasks,
  'ecs:ListTasks': listTasks,
  'ecs:DescribeContainerInstances': describeContainerInstances,
  'ecs:ListContainerInstances': listContainerInstances,
  'sim:AddContainerInstances': addContainerInstances,
} as const satisfies Partial<Record<ActionName, CommandHandler>>;

/** The core table by any action name (undefined outside the core). */
export const CORE_LOOKUP: Readonly<Partial<Record<ActionName, CommandHandler>>> = CORE_COMMANDS;
