import type { EventLifecycle } from '../contract/lifecycle';

/** The demo HDC: a parent page with events across the lifecycle, admins, and hacks (some invalid). */
export const DEMO_PARENT_PAGE_ID = '1000001';
/** The demo's operations page: beside the HDC parent; alerts and weekly reports are published under it. */
export const DEMO_OPS_PAGE_ID = '1000189';

export const DEMO_ACCOUNTS = {
  primaryAdmin: 'demo-primary-admin',
  coAdmin: 'demo-co-admin',
  nonAdmin: 'demo-non-admin',
  /** An HDC operator (may generate the weekly report on demand); admin of no event. */
  operator: 'demo-operator',
} as const;

export const DEMO_OWNERS = ['demo-owner-ada', 'demo-owner-grace', 'demo-owner-linus', 'demo-owner-margaret'] as const;

interface DemoHack {
  title: string;
  owner: string | null;
  submitted: boolean;
}

export interface DemoEvent {
  name: string;
  lifecycle: EventLifecycle;
  pageId: string | null;
  /** Completed this many days ago through the real sync (so its audit and library rows are real). */
  completedDaysAgo?: number;
  /**
   * A sync story told through the real SQL functions, this many days ago: one Complete + Sync that
   * ends partial; a retry that fails the same way (escalation needed); an escalation note after
   * that; or Complete + Sync during voting that ends the event early.
   */
  story?: { kind: 'partial' | 'escalation_needed' | 'escalated' | 'ended_early'; daysAgo: number };
  coAdmin: boolean;
  hacks: DemoHack[];
}

/** The note the demo's escalated event carries. */
export const DEMO_ESCALATION_NOTE =
  'Two hacks lack an owner in the HR sync; asked the team leads to fix them and told the HDC ops channel.';

const valid = (title: string, owner: string = DEMO_OWNERS[0]): DemoHack => ({ title, owner, submitted: true });

export const DEMO_EVENTS: readonly DemoEvent[] = [
  {
    name: 'HDC Auto — Canonical Verification Event',
    lifecycle: 'completed',
    pageId: '1000101',
    // Synced through the real sync, as a healthy HDC's canonical event is: the integrity dry-run,
    // the first weekly report and the launch-readiness check find nothing wrong with it.
    completedDaysAgo: 1,
    coAdmin: true,
    hacks: [
      valid('Telemetry sampler', DEMO_OWNERS[0]),
      valid('Registry cache', DEMO_OWNERS[1]),
      valid('Page linter', DEMO_OWNERS[2]),
    ],
  },
  {
    name: 'Summer Hack 2026',
    lifecycle: 'results',
    pageId: '1000102',
    coAdmin: true,
    hacks: [
      valid('Confluence dark mode audit', DEMO_OWNERS[0]),
      valid('Slack digest bot', DEMO_OWNERS[1]),
      { title: '   ', owner: DEMO_OWNERS[2], submitted: true },
      { title: 'Orphan page finder', owner: null, submitted: true },
      { title: 'Unfinished idea', owner: DEMO_OWNERS[3], submitted: false },
    ],
  },
  {
    name: 'Autumn Hack 2026',
    lifecycle: 'completed',
    pageId: '1000103',
    completedDaysAgo: 20,
    coAdmin: false,
    hacks: [valid('Meeting cost ticker', DEMO_OWNERS[3]), valid('Incident haiku generator', DEMO_OWNERS[0])],
  },
  {
    name: 'Winter Hack 2025',
    lifecycle: 'completed',
    pageId: '1000104',
    completedDaysAgo: 120,
    coAdmin: false,
    hacks: [valid('Snow day predictor', DEMO_OWNERS[1])],
  },
  {
    name: 'Voting Week',
    lifecycle: 'voting',
    pageId: '1000105',
    coAdmin: true,
    hacks: [valid('Vote tally live view', DEMO_OWNERS[2])],
  },
  {
    name: 'Hacking in Progress',
    lifecycle: 'hacking',
    pageId: '1000106',
    coAdmin: false,
    hacks: [{ title: 'Half-built robot', owner: DEMO_OWNERS[3], submitted: false }],
  },
  { name: 'Team Formation Sprint', lifecycle: 'team_formation', pageId: '1000107', coAdmin: true, hacks: [] },
  { name: 'Registration Open', lifecycle: 'registration', pageId: '1000108', coAdmin: false, hacks: [] },
  { name: 'Draft: Spring Jam 2027', lifecycle: 'draft', pageId: null, coAdmin: false, hacks: [] },
  // Orphan-page cleanup: this event's page was moved to the trash (a "dangling event"); the team
  // recreated it as "Hack Week 2024 (recreated page)", which no event references yet.
  {
    name: 'Hack Week 2024',
    lifecycle: 'completed',
    pageId: '1000122',
    completedDaysAgo: 400,
    coAdmin: false,
    hacks: [valid('Legacy wiki importer', DEMO_OWNERS[1])],
  },
  // One event in each state the sync panel and the decision tree explain.
  {
    name: 'Spring Jam 2026',
    lifecycle: 'results',
    pageId: '1000111',
    story: { kind: 'partial', daysAgo: 2 },
    coAdmin: true,
    hacks: [
      valid('Team lunch planner', DEMO_OWNERS[1]),
      valid('Standup timer', DEMO_OWNERS[2]),
      { title: 'Mystery project', owner: null, submitted: true },
    ],
  },
  {
    name: 'Data Week 2026',
    lifecycle: 'results',
    pageId: '1000112',
    story: { kind: 'escalation_needed', daysAgo: 3 },
    coAdmin: true,
    hacks: [valid('Query cost explainer', DEMO_OWNERS[3]), { title: ' ', owner: DEMO_OWNERS[0], submitted: true }],
  },
  {
    name: 'Design Sprint 2026',
    lifecycle: 'results',
    pageId: '1000113',
    story: { kind: 'escalated', daysAgo: 4 },
    coAdmin: false,
    hacks: [valid('Icon contrast checker', DEMO_OWNERS[0]), { title: 'Palette picker', owner: null, submitted: true }],
  },
  {
    name: 'Hack Night 2026',
    lifecycle: 'voting',
    pageId: '1000114',
    story: { kind: 'ended_early', daysAgo: 6 },
    coAdmin: true,
    hacks: [valid('Night mode for the wiki', DEMO_OWNERS[2]), valid('Pizza queue', DEMO_OWNERS[1])],
  },
  // A second import of Winter Hack 2025 that points at the same page (a "duplicate reference").
  { name: 'Winter Hack 2025 (imported twice)', lifecycle: 'draft', pageId: '1000104', coAdmin: false, hacks: [] },
];
