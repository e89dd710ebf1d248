-- Bounded work per call: a batch size outside 1..p_max is refused (HDC04) with its name.
create or replace function hdc_check_batch_size(p_name text, p_value integer, p_max integer) returns void
language plpgsql as $$
begin
  if p_value is null or p_value < 1 or p_value > p_max then
    raise exception '% must be between 1 and %', p_name, p_max using errcode = 'HDC04',
      hint = 'Work in bounded batches: the caller loops.';
  end if;
end $$;
