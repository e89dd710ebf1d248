-- A JSON document with each account id of p_from (as a JSON string, key or value) replaced by its
-- pseudonym in p_to. Account ids hold no character JSON escapes, so the text form finds them.
create or replace function hdc_json_pseudonymised(p_doc jsonb, p_from text[], p_to text[]) returns jsonb
language plpgsql immutable as $$
declare
  v_text text := p_doc::text;
begin
  for i in 1 .. coalesce(array_length(p_from, 1), 0) loop
    v_text := replace(v_text, '"' || p_from[i] || '"', '"' || p_to[i] || '"');
  end loop;
  return v_text::jsonb;
end $$;
