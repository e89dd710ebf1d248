-- cleanup.status: one plan with its items, or the site's latest plans (the executions' history).
create or replace function hdc_cleanup_plans(p_site hdc_site, p_actor text, p_plan_id uuid default null, p_limit integer default 20)
returns jsonb
language plpgsql as $$
begin
  perform hdc_begin_call(p_site);
  perform hdc_require_operator(p_site, p_actor);
  perform hdc_check_batch_size('limit', p_limit, 100);
  if p_plan_id is not null then
    if not exists (select 1 from cleanup_plan where site_id = p_site and id = p_plan_id) then
      raise exception 'No such cleanup plan' using errcode = 'HDC01', hint = 'Pick a plan from the history.';
    end if;
    return jsonb_build_array(hdc_cleanup_plan_view(p_plan_id));
  end if;
  return coalesce((select jsonb_agg(hdc_cleanup_plan_view(p.id) order by p.created_at desc, p.id)
    from (select id, created_at from cleanup_plan where site_id = p_site order by created_at desc, id limit p_limit) p), '[]'::jsonb);
end $$;
