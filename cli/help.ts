/** The help texts: what `--help` prints for the program and for each subcommand. */
export const PROGRAM_HELP = `ecs-sandbox — a deterministic Amazon ECS simulator, headless

Usage:
  ecs-sandbox run <file.yaml|file.json> [--seed N] [--json]
  ecs-sandbox validate <taskdef.json>... [--json]
  ecs-sandbox check [scenario.yaml...] [--json]
  ecs-sandbox bench placement [--instances N] [--tasks N] [--runs N] [--json]
  ecs-sandbox bench services [--instances N] [--tasks N] [--hours N] [--runs N] [--json]
  ecs-sandbox <command> --help
  ecs-sandbox --version

Commands:
  run        apply a scenario (or a bare list of steps) and print the final state
  validate   check task definition files as ECS RegisterTaskDefinition would
  check      replay scenarios' solutions and anti-solutions against their objectives; check the course
  bench      measure the placement pipeline and explainer, or a virtual day of services (medians)

Exit status: 0 success, 1 a step failed / a file is invalid, 2 usage error or unreadable file,
70 internal error (a bug; set ECS_SANDBOX_DEBUG=1 to see its stack trace).
`;

export const RUN_HELP = `Usage: ecs-sandbox run <file.yaml|file.json> [--seed N] [--json]

Applies the steps of a scenario file in order on a fresh, simulated ECS account (us-east-1,
123456789012) and prints the final state. The file is a scenario (id, title, seed, setup: [...])
or a bare list of steps. Each step has one key:
  ecs:<Operation>: <request>   an AWS API call with its request as the AWS API takes it
  sim:<Action>: <params>       a sandbox action, e.g. sim:AddContainerInstances
  wait: <duration>             let virtual time pass: 90s, 5m, 2h, or milliseconds
Nothing runs if the file has a problem: each one is reported as file:line:column: message.

Options:
  --seed N    seed of the run's random numbers (0 to 4294967295); overrides the file's seed
  --json      print exactly one JSON object on stdout: the snapshot (time, seed, clusters,
              containerInstances, taskDefinitions, tasks, services, events) plus "responses",
              one entry per step in order: {step, action, response} or {step, action, error}
  -h, --help  show this help

Exit status:
  0  every step succeeded
  1  a step failed (the final state is still printed; failed steps leave no trace), or the file
     has problems (reported on stderr, nothing is run)
  2  usage error, or the file cannot be read

Examples:
  ecs-sandbox run scenarios/sandbox.yaml
  ecs-sandbox run scenarios/sandbox.yaml --seed 7 --json | jq '.tasks[].lastStatus'
`;

export const VALIDATE_HELP = `Usage: ecs-sandbox validate <taskdef.json>... [--json]

Checks task definition files with the rules ECS applies to RegisterTaskDefinition, without
registering anything. A file holds a RegisterTaskDefinition input (what
"aws ecs register-task-definition --cli-input-json" takes) or a DescribeTaskDefinition output
({"taskDefinition": {...}}, whose read-only fields are ignored).

Prints "OK <file>" or "INVALID <file>" and then one line per error: "  <json-pointer>: <message>".

Options:
  --json      print [{file, valid, errors: [{path, code, message}]}] on stdout instead
  -h, --help  show this help

Exit status:
  0  every file is valid
  1  a file is invalid (including JSON syntax errors)
  2  usage error, or a file cannot be read (the others are still checked)
`;

export const CHECK_HELP = `Usage: ecs-sandbox check [scenario.yaml|course.yaml...] [--json]

Checks scenario files as the sandbox will run them, without a browser:
  - the file parses: its schema, every step's action, every objective's predicate (a problem is
    reported as file:line:column: message, and nothing is replayed);
  - the solution, replayed after the setup in a fresh engine with the lesson observing, meets every
    objective (a refused step or an unmet objective is a problem, with the objective's sentence,
    expected and actual values); predictions are answered with the truth once revealed, so the
    check proves each gets revealed;
  - each anti-solution leaves every objective it names in mustFail unmet;
  - a scenario with objectives has a solution; one without (a free sandbox) only has to parse.
A file named course.yaml is the course: every id it lists must be a scenario's (in its directory),
every scenario must be in one sequence, and every course topic must be covered.
Without files: every scenarios/*.yaml of the working directory, then scenarios/course.yaml.

Prints ✓ or ✗ per file, each attempt's objectives (✓ met, ✗ not), its problems, and
"N scenarios checked: P passed, F failed (T s)".

Options:
  --json      print one JSON object on stdout: {ok, passed, failed, durationMs, reports}, each
              report as the sandbox's CheckReport (file, scenarioId, ok, issues, solution,
              antiSolutions, durationMs)
  -h, --help  show this help

Exit status:
  0  every file passed
  1  a file failed (a problem in it, a refused solution step, an unmet objective, an
     anti-solution that met what it must fail, a course problem)
  2  usage error, or a file cannot be read (the others are still checked)

Examples:
  ecs-sandbox check
  ecs-sandbox check scenarios/my-scenario.yaml
  ecs-sandbox check scenarios/*.yaml --json | jq '.reports[] | select(.ok | not) | .file'
`;

export const BENCH_HELP = `Usage: ecs-sandbox bench placement [--instances N] [--tasks N] [--runs N] [--seed N] [--json]
       ecs-sandbox bench services [--instances N] [--tasks N] [--hours N] [--runs N] [--seed N] [--json]
       ecs-sandbox bench capacity [--tasks N] [--zones N] [--runs N] [--seed N] [--json]
       ecs-sandbox bench autoscaling [--hours N] [--runs N] [--seed N] [--json]
       ecs-sandbox bench timeline [--hours N] [--runs N] [--seed N] [--json]

Measures the task placement pipeline and the placement explainer, and prints medians:
  - N tasks placed onto N instances in 3 AZs (m5, c5, r5 sizes) with strategies
    [spread attribute:ecs.availability-zone, binpack memory] and a memberOf constraint
    (budget at 5,000 × 5,000: ≤ 500 ms, i.e. ≥ 10,000 placements/s);
  - the cost of one placement at 500 and at N instances (it must grow at most linearly);
  - explaining one decision at N instances (budget ≤ 5 ms).

bench services simulates a virtual day of N service tasks (100 per service, bridge mode with dynamic
host ports) on m5.xlarge instances behind one Application Load Balancer, with two rolling
deployments of every service (a new revision at 6 h, forceNewDeployment at 14 h), and prints the
median wall time and the ×real-time factor (budget at 100 instances, 1,000 tasks, 24 hours: ≤ 3 s,
i.e. ≥ 28,800× real time). A run that does not end with every service steady fails.

bench capacity starts from 0 instances: a service of N tasks (default 200; 512 CPU units and 1 GiB
each) on a capacity provider over an Auto Scaling group of m5.xlarge with managed scaling (target
capacity 100 %) and managed termination protection, in one zone (--zones 2 or 3: ECS then adds
exactly minimumScalingStepSize instances per warm-up). It prints the virtual minutes until the
service is steady, the number of scale-out steps, and the wall time of one virtual hour (budget at
200 tasks in one zone: ≤ 1 s). A run that never reaches steady state fails.

bench autoscaling simulates a virtual week (--hours, default 168) of 20 Fargate services behind one
Application Load Balancer, each with a daily traffic wave, a target tracking policy (CPU 50 % or
3,000 requests per target) and two scheduled actions, and prints the median wall and CPU time and
the number of scaling activities (budget: ≤ 5 s).

bench timeline records N virtual hours (--hours, default 2) of scenarios/capacity.yaml with a learner
command every 4 virtual minutes, then measures undo of the last command and a jump back 30 virtual
minutes (budget ≤ 200 ms each), next to the naive replay from the start, and prints the size of the
session's log.

Options:
  --instances N  container instances (1 to 5000; default 5000, services: 100)
  --tasks N      tasks to place (default 5000; services: service tasks, default 1000)
  --hours N      services: virtual hours to simulate (default 24; autoscaling: 168)
  --zones N      capacity: Availability Zones of the Auto Scaling group (1 to 3; default 1)
  --runs N       timed runs; the median is reported (default 7; services: 5)
  --seed N       seed of the run (default 1)
  --json         print one JSON object instead of the report
  -h, --help     show this help

Exit status: 0 every budget met, 1 a budget missed, 2 usage error.
`;
