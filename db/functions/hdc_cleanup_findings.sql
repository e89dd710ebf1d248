-- The three kinds of finding of a scan, from the pages it saw and the site's events, set-based:
--   orphan pages: under the parent, referenced by no event, with no referenced page below them;
--   dangling events: an event of this HDC whose page is missing, trashed, archived, deleted or no
--     longer under the parent (with a relink suggestion: an orphan page whose title starts with the
--     event's name);
--   duplicate references: one page referenced by two or more events (the oldest keeps the page by
--     default; between events made at once, the one furthest along its lifecycle).
create or replace function hdc_cleanup_findings(p_site hdc_site, p_scan_id bigint) returns jsonb
language sql stable as $$
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
      'lastModified', d.last_modified, 'suggestedPage', (
        select jsonb_build_object('pageId', o.page_id, 'title', o.title) from orphans o
        where o.status = 'current' and lower(o.title) like lower(d.name) || '%' order by o.depth, o.page_id limit 1))
      order by d.name, d.id) from dangling d), '[]'::jsonb),
    'duplicateReferences', coalesce((select jsonb_agg(jsonb_build_object('pageId', u.page_id, 'title', p.title,
      'status', p.status, 'lastModified', p.last_modified, 'events', u.events) order by u.page_id)
      from duplicates u left join pages p on p.page_id = u.page_id), '[]'::jsonb))
$$;
