import { useEffect, useState } from 'react';
import { view } from '@forge/bridge';

export interface MacroContext {
  /** The Confluence page the macro sits on. */
  pageId: string | undefined;
}

/** Reads the page id from the Forge context and turns on Atlassian theming (light and dark). */
async function loadMacroContext(): Promise<MacroContext> {
  const [context] = await Promise.all([view.getContext(), view.theme.enable().catch(() => undefined)]);
  const content = (context.extension as { content?: { id?: string | number } } | undefined)?.content;
  return { pageId: content?.id === undefined ? undefined : String(content.id) };
}

/** The macro's context once loaded (null until then). */
export function useMacroContext(): MacroContext | null {
  const [context, setContext] = useState<MacroContext | null>(null);
  useEffect(() => {
    void loadMacroContext().then(setContext);
  }, []);
  return context;
}
