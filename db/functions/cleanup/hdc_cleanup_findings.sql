-- The three kinds of finding of a scan, from the pages it saw and the site's events, set-based:
--   orphan pages: under the parent, referenced by no event, with no referenced page below them;
--   dangling events: an event of this HDC whose page is missing, trashed, archived, deleted or no
--     longer under the parent (with a relink suggestion: an orphan page whose title starts with the
--     event's name, letter case aside);
--   duplicate references: one page referenced by two or more events (the oldest keeps the page by
--     default; between events made at once, the one furthest along its lifecycle).
--   The CTEs have no statistics, and on the embedded database nothing analyses the tables either: with
--   nested loops allowed, a planner guess of a few rows joined 20,000 pages to themselves for a minute.
--   Every join here has an equality to hash on (but the prefixes', which must loop over a handful of lengths).
create or replace function hdc_cleanup_findings(p_site hdc_site, p_scan_id bigint) returns jsonb
language sql stable
set enable_nestloop = off
as $$
  with scan as (select * from cleanup_scan where site_id = p_site and id = p_scan_id),
  pages as (select s.* from cleanup_scan_page s where s.scan_id = p_scan_id),
  tree as (select * from pages where seen_as = 'descendant'),
  refs as (
    select e.id, e.name, e.lifecycle, e.created_at, e.confluence_page_id as page_id, e.confluence_parent_page_id as parent_id
    from event e where e.site_id = p_site and e.confluence_page_id is not null
  ),
  kept as (
    with recursive up (page_id, parent_id) as (
      select t.page_id, t.parent_id from tree t where exists (select 1 from refs r where r.page_id = t.page_id)
      union
      select t.page_id, t.parent_id from tree t join up on t.page_id = up.parent_id
    )
    select page_id from up
  ),
  children as (select parent_id, array_agg(page_id order by page_id) as ids from tree group by parent_id),
  orphans as (
    select t.*, coalesce(c.ids, '{}') as child_ids
    from tree t left join children c on c.parent_id = t.page_id
    where t.page_id not in (select page_id from kept)
  ),
  dangling as (
    select r.*, p.title as page_title, p.status as page_status, p.last_modified, p.parent_id as page_parent_id,
      case
        when p.page_id is null then 'missing'
        when p.status <> 'current' then p.status
        else 'moved'
      end as reason
    from refs r cross join scan
    left join pages p on p.page_id = r.page_id
    where r.parent_id = scan.parent_page_id
      and (p.page_id is null or p.status <> 'current' or p.seen_as = 'lookup')
  ),
  -- A relink suggestion per dangling event: the orphan page whose title starts with the event's name
  -- (case-insensitive). Set-based by the names' lengths, so its cost grows with the orphans, not with
  -- orphans × events.
  name_lengths as (select distinct length(name) as n from dangling),
  prefixes as materialized (
    select o.page_id, o.title, o.depth, l.n, lower(left(o.title, l.n)) as prefix
    from name_lengths l join orphans o on o.status = 'current' and length(o.title) >= l.n
  ),
  suggestions as (
    select distinct on (d.id) d.id as event_id, p.page_id, p.title
    from dangling d join prefixes p on p.n = length(d.name) and p.prefix = lower(d.name)
    order by d.id, p.depth, p.page_id
  ),
  duplicates as (
    select r.page_id, jsonb_agg(jsonb_build_object('eventId', r.id, 'name', r.name, 'lifecycle', r.lifecycle,
      'createdAt', r.created_at) order by r.created_at, array_position(array['archived', 'completed', 'results', 'voting', 'hacking',
        'team_formation', 'registration', 'draft'], r.lifecycle), r.id) as events
    from refs r cross join scan
    where r.parent_id = scan.parent_page_id or r.page_id in (select page_id from tree)
    group by r.page_id having count(*) > 1
  )
  select jsonb_build_object(
    'orphanPages', coalesce((select jsonb_agg(jsonb_build_object('pageId', o.page_id, 'title', o.title, 'status', o.status,
      'parentId', o.parent_id, 'depth', o.depth, 'lastModified', o.last_modified, 'childCount', cardinality(o.child_ids),
      'childIds', to_jsonb(o.child_ids)) order by o.depth, o.title, o.page_id) from orphans o), '[]'::jsonb),
    'danglingEvents', coalesce((select jsonb_agg(jsonb_build_object('eventId', d.id, 'name', d.name, 'lifecycle', d.lifecycle,
      'pageId', d.page_id, 'reason', d.reason, 'pageTitle', d.page_title, 'pageStatus', d.page_status,
      'lastModified', d.last_modified, 'suggestedPage', case when g.page_id is not null then jsonb_build_object('pageId', g.page_id, 'title', g.title) end)
      order by d.name, d.id) from dangling d left join suggestions g on g.event_id = d.id), '[]'::jsonb),
    'duplicateReferences', coalesce((select jsonb_agg(jsonb_build_object('pageId', u.page_id, 'title', p.title,
      'status', p.status, 'lastModified', p.last_modified, 'events', u.events) order by u.page_id)
      from duplicates u left join pages p on p.page_id = u.page_id), '[]'::jsonb))
$$;
