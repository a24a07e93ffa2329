/**
 * Every BullMQ queue and job name, in one place. Jobs are keyed by what they act on so that
 * scheduling the same work twice is a no-op.
 */
export const Queues = {
  maintenance: 'maintenance',
  /** One delayed job per pending post, keyed by the post id. */
  postRelease: 'post-release',
  /** Attendance sweeps: suspensions due and returns due. */
  governance: 'governance',
  /** One job per notification email, keyed by its send's id. */
  notify: 'notify',
  /** One delayed job per step of an urgent hold's escalation ladder, keyed <post id>-<step>. */
  escalation: 'escalation',
  /** The community's retention policy, applied every hour. */
  retention: 'retention',
} as const;

export const RetentionJobs = {
  apply: 'apply',
} as const;

export const EscalationJobs = {
  step: 'step',
} as const;

export const NotifyJobs = {
  send: 'send',
} as const;

export const GovernanceJobs = {
  sweep: 'sweep',
  /** Keyed count-<election id>: due when voting closes. */
  countElection: 'count-election',
} as const;

export const PostReleaseJobs = {
  release: 'release',
} as const;

export const MaintenanceJobs = {
  purgeSessions: 'purge-sessions',
} as const;

export const defaultJobOptions = {
  removeOnComplete: { age: 3600, count: 1000 },
  removeOnFail: { age: 7 * 86400 },
  attempts: 5,
  backoff: { type: 'exponential', delay: 1000 },
} as const;
